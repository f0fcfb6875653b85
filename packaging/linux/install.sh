#!/bin/sh
# Install Clinic Desktop from an unpacked bundle (the folder this script is in).
#
#   ./install.sh              for the current user: ~/.local/lib/clinic-desktop, commands in
#                             ~/.local/bin, menu entry and icons under ~/.local/share
#   sudo ./install.sh --system  for every user: /opt/clinic-desktop, /usr/local/bin,
#                             /usr/local/share
#   ./install.sh --uninstall [--system]   removes the program, never the clinic's data
#
# The clinic's data (encrypted database, key file, backups, logs) lives in the user's data
# folder (~/.local/share/clinic-desktop, or --data-dir) and is never touched here.
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
system=no
action=install
for arg in "$@"; do
    case "$arg" in
        --system) system=yes ;;
        --uninstall) action=uninstall ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done

if [ "$system" = yes ]; then
    lib=/opt/clinic-desktop
    bin=/usr/local/bin
    share=/usr/local/share
else
    lib="$HOME/.local/lib/clinic-desktop"
    bin="$HOME/.local/bin"
    share="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
programs="clinic-desktop clinic-admin clinic-sync"

refresh_caches() {
    command -v update-desktop-database >/dev/null 2>&1 \
        && update-desktop-database -q "$share/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
}

if [ "$action" = uninstall ]; then
    for program in $programs; do rm -f "$bin/$program"; done
    rm -f "$share/applications/clinic-desktop.desktop"
    find "$share/icons/hicolor" -name 'clinic-desktop.*' -delete 2>/dev/null || true
    rm -rf "$lib"
    refresh_caches
    echo "Clinic Desktop removed (the clinic's data folder was left as it is)."
    exit 0
fi

if [ ! -x "$here/clinic-desktop" ]; then
    echo "install.sh: run me from the unpacked clinic-desktop folder" >&2
    exit 1
fi

# Copy to a new folder first, then swap it in: an interrupted copy never leaves half a program.
mkdir -p "$(dirname "$lib")" "$bin" "$share/applications"
rm -rf "$lib.new"
cp -R "$here" "$lib.new"
rm -rf "$lib.old"
if [ -e "$lib" ]; then mv "$lib" "$lib.old"; fi
mv "$lib.new" "$lib"
rm -rf "$lib.old"

for program in $programs; do ln -sf "$lib/$program" "$bin/$program"; done
mkdir -p "$share/icons"
cp -R "$here/share/icons/hicolor" "$share/icons/"
sed "s|^Exec=clinic-desktop|Exec=$bin/clinic-desktop|; s|^TryExec=clinic-desktop|TryExec=$bin/clinic-desktop|" \
    "$here/share/applications/clinic-desktop.desktop" > "$share/applications/clinic-desktop.desktop"
chmod 644 "$share/applications/clinic-desktop.desktop"
refresh_caches

echo "Clinic Desktop installed in $lib"
echo "  menu entry: $share/applications/clinic-desktop.desktop"
echo "  commands:   $bin/clinic-desktop, clinic-admin, clinic-sync"
case ":$PATH:" in *":$bin:"*) ;; *) echo "  (add $bin to your PATH to run them by name)";; esac
echo "Check it: $bin/clinic-desktop --self-test"
