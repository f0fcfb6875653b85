; Inno Setup script for Clinic Desktop (Windows, 64-bit, per-machine).
;
; Build the one-folder bundle on Windows first (see README.md beside this file), then:
;   iscc /DAppVersion=0.1.0 packaging\windows\clinic-desktop.iss
; The installer is written to dist\clinic-desktop-<version>-windows-x64-setup.exe.
;
; Data safety: the clinic's encrypted database, key file, backups and logs live in each
; user's data folder (%LOCALAPPDATA%\clinic-desktop, or the folder given with --data-dir),
; never under {app}. This script installs and removes program files only: there is no
; [UninstallDelete] entry, so uninstalling or upgrading can never delete a clinic's data.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Clinic Desktop"
#define AppExe "clinic-desktop.exe"
#define Bundle "..\..\dist\clinic-desktop"

[Setup]
; Keep this AppId forever: upgrades and the uninstaller find earlier installs by it.
AppId={{7F3C2E6A-8B1D-4C55-9E2F-4A6B0C1D2E3F}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Clinic Desktop
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-machine: installed once by IT for every account on the laptop.
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=clinic-desktop-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\build\icons\clinic-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running copy before replacing its files (its data is saved as it goes).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole bundle: the three programs and _internal\ (Python, Qt, resources).
Source: "{#Bundle}\*"; DestDir: "{app}"; Excludes: "install.sh,share\*"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\{#AppName} (demo clinic)"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent unchecked
