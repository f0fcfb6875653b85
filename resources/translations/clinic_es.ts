<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
    <context>
        <name>AddendumDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/visit_record_dialog.py" line="+280" />
            <source>Add addendum — Clinic Desktop</source>
            <translation>Agregar adenda — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Add addendum</source>
            <translation>Agregar adenda</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The signed note stays as it was. The addendum is added below it with your name and the time.</source>
            <translation>La nota firmada queda como estaba. La adenda se agrega debajo con su nombre y la hora.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Addendum</source>
            <translation>Adenda</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Reason for the addendum</source>
            <translation>Motivo de la adenda</translation>
        </message>
        <message>
            <location line="+1" />
            <source>e.g. Guardian called back, correction</source>
            <translation>p. ej. El tutor devolvió la llamada, corrección</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reason</source>
            <translation>Motivo</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Addendum text</source>
            <translation>Texto de la adenda</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Text</source>
            <translation>Texto</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Late entry: it happened earlier</source>
            <translation>Registro &amp;tardío: ocurrió antes</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Late entry</source>
            <translation>Registro tardío</translation>
        </message>
        <message>
            <location line="+4" />
            <location line="+3" />
            <source>When it happened</source>
            <translation>Cuándo ocurrió</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Add addendum</source>
            <translation>&amp;Agregar adenda</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Adding the addendum…</source>
            <translation>Agregando la adenda…</translation>
        </message>
    </context>
    <context>
        <name>BackupPanel</name>
        <message>
            <location filename="../../clinic_desktop/ui/backup_panel.py" line="+53" />
            <source>Backup</source>
            <extracomment>The overview arrived (argument: ``BackupOverview``). A backup was written and verified (argument: ``BackupInfo``). A sentence for the status bar.</extracomment>
            <translation>Copia de seguridad</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Backups</source>
            <translation>Copias de seguridad</translation>
        </message>
        <message>
            <location line="+5" />
            <source>A backup is an encrypted, verified copy of the clinic database with its key file beside it, made while the clinic keeps working. It opens only with a staff password or the recovery key as they were on the day it was made. Keep backups away from this computer: a USB stick in a locked drawer, or the district's share.</source>
            <translation>Una copia de seguridad es una copia cifrada y verificada de la base de datos de la clínica, con su archivo de claves al lado, hecha mientras la clínica sigue trabajando. Solo se abre con la contraseña de un miembro del personal o con la clave de recuperación tal como eran el día en que se hizo. Guarde las copias de seguridad lejos de esta computadora: en una memoria USB en un cajón con llave o en la carpeta compartida del distrito.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Restoring a backup</source>
            <translation>Restaurar una copia de seguridad</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Last backup</source>
            <translation>Última copia de seguridad</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Saved in</source>
            <translation>Guardada en</translation>
        </message>
        <message>
            <location line="+1" />
            <source>File</source>
            <translation>Archivo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reminder</source>
            <translation>Recordatorio</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Back up now…</source>
            <translation>Hacer copia de seguridad ahora…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Back up now</source>
            <translation>Hacer copia de seguridad ahora</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Backup progress</source>
            <translation>Progreso de la copia de seguridad</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Restoring replaces the clinic database, so it is not done from here: close Clinic Desktop on this computer, then run this command. It asks for that account's password as it was when the backup was made (leave out --user to use the recovery key instead), checks the backup before touching anything, and keeps the replaced database beside it.</source>
            <translation>Restaurar reemplaza la base de datos de la clínica, por eso no se hace desde aquí: cierre Clinic Desktop en esta computadora y luego ejecute este comando. Pide la contraseña de esa cuenta tal como era cuando se hizo la copia de seguridad (omita --user para usar la clave de recuperación), verifica la copia antes de tocar nada y conserva la base de datos reemplazada al lado.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Restore command</source>
            <translation>Comando para restaurar</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Copy command</source>
            <translation>Copiar comando</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Copy the restore command</source>
            <translation>Copiar el comando para restaurar</translation>
        </message>
        <message>
            <location line="+20" />
            <source>None recorded yet</source>
            <translation>Todavía no hay ninguna registrada</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{when} ({age})</source>
            <translation>{when} ({age})</translation>
        </message>
        <message>
            <location line="+14" />
            <source>The status bar reminds everyone after {days} days without a backup.</source>
            <translation>La barra de estado avisa a todos después de {days} días sin copia de seguridad.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{text} A backup is due now.</source>
            <translation>{text} Ya corresponde hacer una copia de seguridad.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Restore command copied.</source>
            <translation>Comando para restaurar copiado.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Save the backup in which folder?</source>
            <translation>¿En qué carpeta desea guardar la copia de seguridad?</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Copying the database…</source>
            <translation>Copiando la base de datos…</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Verifying the copy…</source>
            <translation>Verificando la copia…</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Backup written and verified: {file} in {folder}. Its key file {keys} is beside it; keep the two together.</source>
            <translation>Copia de seguridad guardada y verificada: {file} en {folder}. Su archivo de claves {keys} está al lado; mantenga los dos juntos.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Backup written and verified.</source>
            <translation>Copia de seguridad guardada y verificada.</translation>
        </message>
    </context>
    <context>
        <name>ChartView</name>
        <message>
            <location filename="../../clinic_desktop/ui/chart_view.py" line="+67" />
            <source>Open risk flag: {alert}</source>
            <extracomment>What the header shows: the student, and alerts from flags and missing consent. What the timeline lists.</extracomment>
            <translation>Alerta de riesgo abierta: {alert}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Consent: {alert}</source>
            <translation>Consentimiento: {alert}</translation>
        </message>
        <message>
            <location line="+52" />
            <source>Chart sections</source>
            <extracomment>The header arrived (argument: ``ChartHeader``). The user asked to edit demographics and guardians. Something was recorded from the chart (screening, flag action, referral, consent); the chart reloads on the change notice, this is for the status bar. ``(form kind, ids)``: a tab asked for a form to print (the print preview's hook). A visit should open (argument: its id): from the Visits tab, or after a screening so the clinician completes the sitting's visit (the main window opens it). Open flag id -&gt; its header buttons ("record", "refer").</extracomment>
            <translation>Secciones del expediente</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Timeline</source>
            <translation>Cronología</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Nothing recorded for this student yet.</source>
            <translation>Todavía no hay nada registrado para este estudiante.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>&amp;Timeline</source>
            <translation>&amp;Cronología</translation>
        </message>
        <message>
            <location line="+1" />
            <source>V&amp;isits</source>
            <translation>Vi&amp;sitas</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Screenings</source>
            <translation>&amp;Tamizajes</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Referrals</source>
            <translation>De&amp;rivaciones</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Consents</source>
            <translation>C&amp;onsentimientos</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Demographics &amp;&amp; guardians</source>
            <translation>&amp;Datos demográficos y tutores legales</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Student name</source>
            <translation>Nombre del estudiante</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Student facts</source>
            <translation>Datos del estudiante</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Alerts</source>
            <translation>Alertas</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Opening chart…</source>
            <translation>Abriendo el expediente…</translation>
        </message>
        <message>
            <location line="+81" />
            <source>Latest actions: {actions}</source>
            <translation>Últimas acciones: {actions}</translation>
        </message>
        <message>
            <location line="+35" />
            <source>Record action…</source>
            <translation>Registrar acción…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Refer…</source>
            <translation>Derivar…</translation>
        </message>
        <message>
            <location line="+8" />
            <source>{action}: {flag}</source>
            <translation>{action}: {flag}</translation>
        </message>
        <message>
            <location line="+136" />
            <source>Age {age}</source>
            <translation>Edad {age}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Grade {grade}</source>
            <translation>Grado {grade}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Born {date}</source>
            <translation>Nació el {date}</translation>
        </message>
        <message>
            <location line="+6" />
            <source>District ID {id}</source>
            <translation>ID del distrito {id}</translation>
        </message>
    </context>
    <context>
        <name>ConsentDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/consent_dialog.py" line="+83" />
            <source>Record consent — Clinic Desktop</source>
            <extracomment>Information a release for a referral usually covers (pre-ticked for a new release).</extracomment>
            <translation>Registrar consentimiento — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Record a signed consent</source>
            <translation>Registrar un consentimiento firmado</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Loading the student's guardians…</source>
            <translation>Cargando los tutores legales del estudiante…</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Consent form</source>
            <translation>Formulario de consentimiento</translation>
        </message>
        <message>
            <location line="+9" />
            <source>The paper</source>
            <translation>El documento en papel</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+16" />
            <source>Kind</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location line="-15" />
            <location line="+24" />
            <source>Signed by</source>
            <translation>Firmado por</translation>
        </message>
        <message>
            <location line="-21" />
            <source>Guardian</source>
            <translation>Tutor legal</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Signed on</source>
            <translation>Fecha de firma</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Optional: limits written on the form</source>
            <translation>Opcional: límites escritos en el formulario</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Scope</source>
            <translation>Alcance</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Release of information</source>
            <translation>Autorización para divulgar información</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Partner</source>
            <translation>Agencia asociada</translation>
        </message>
        <message>
            <location line="+3" />
            <source>e.g. Referral for counseling and care coordination</source>
            <translation>p. ej., derivación a consejería y coordinación de la atención</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Purpose</source>
            <translation>Propósito</translation>
        </message>
        <message>
            <location line="+1" />
            <source>May share</source>
            <translation>Se puede compartir</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+23" />
            <source>Expires</source>
            <translation>Vencimiento</translation>
        </message>
        <message>
            <location line="-18" />
            <source>Information that may be shared</source>
            <translation>Información que se puede compartir</translation>
        </message>
        <message>
            <location line="+20" />
            <source>On</source>
            <translation>En una fecha</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Expires on a date</source>
            <translation>Vence en una fecha</translation>
        </message>
        <message>
            <location line="+1" />
            <source>When</source>
            <translation>Con un evento</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Expires with an event</source>
            <translation>Vence con un evento</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Expiry date</source>
            <translation>Fecha de vencimiento</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Expiry event</source>
            <translation>Evento de vencimiento</translation>
        </message>
        <message>
            <location line="+1" />
            <source>e.g. End of the 2026-27 school year</source>
            <translation>p. ej., fin del año escolar 2026-27</translation>
        </message>
        <message>
            <location line="-82" />
            <source>Save consent</source>
            <translation>Guardar consentimiento</translation>
        </message>
        <message>
            <location line="+113" />
            <source>{name}, {relation}</source>
            <translation>{name}, {relation}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{name}, {relation}  (no legal authority to consent)</source>
            <translation>{name}, {relation}  (sin autoridad legal para dar consentimiento)</translation>
        </message>
        <message>
            <location line="+8" />
            <source>No guardians on file: add one with Edit student…</source>
            <translation>No hay tutores legales registrados: agregue uno con Editar estudiante…</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Choose the partner the release names</source>
            <translation>Elija la agencia asociada que nombra la autorización</translation>
        </message>
        <message>
            <location line="+2" />
            <source>For {name}. Enter the consent as written on the signed paper.</source>
            <translation>Para {name}. Ingrese el consentimiento tal como está escrito en el documento firmado.</translation>
        </message>
        <message>
            <location line="+41" />
            <source>This site's minor-consent rule does not let the student sign this</source>
            <translation>La regla de consentimiento de menores de este centro no permite que el estudiante firme esto</translation>
        </message>
        <message>
            <location line="+64" />
            <source>{group}: {choice}</source>
            <translation>{group}: {choice}</translation>
        </message>
    </context>
    <context>
        <name>ConsentPacketDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/consent_packet_dialog.py" line="+52" />
            <source>Each family's language</source>
            <extracomment>(code, label) of the language choice; "" prints each form in its family's language.</extracomment>
            <translation>El idioma de cada familia</translation>
        </message>
        <message>
            <location line="+1" />
            <source>English</source>
            <translation>Inglés</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Spanish</source>
            <translation>Español</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Consent packet — Clinic Desktop</source>
            <extracomment>Typing pauses this long before the roster is searched again. A search's rows are in the list (argument: how many the roster returned). Checked students, in the order they were checked (the packet's order).</extracomment>
            <translation>Paquete de consentimientos — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Consent packet</source>
            <translation>Paquete de consentimientos</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Consent forms for up to {max} students in one document, each on its own pages, to print at the start of the school year.</source>
            <translation>Formularios de consentimiento de hasta {max} estudiantes en un solo documento, cada uno en sus propias páginas, para imprimir al comienzo del año escolar.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Preview packet</source>
            <translation>Vista previa del paquete</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Name, district ID or date of birth</source>
            <translation>Nombre, ID del distrito o fecha de nacimiento</translation>
        </message>
        <message>
            <location line="+12" />
            <source>&amp;Find students:</source>
            <translation>&amp;Buscar estudiantes:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Sc&amp;hool:</source>
            <translation>Es&amp;cuela:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Grade:</source>
            <translation>&amp;Grado:</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Students to include</source>
            <translation>Estudiantes que se incluyen</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Space checks or unchecks the highlighted student.</source>
            <translation>La barra espaciadora marca o desmarca al estudiante resaltado.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Check &amp;all shown</source>
            <translation>Marcar &amp;todos los mostrados</translation>
        </message>
        <message>
            <location line="+3" />
            <source>C&amp;lear choices</source>
            <translation>&amp;Quitar las marcas</translation>
        </message>
        <message>
            <location line="+18" />
            <source>La&amp;nguage of the forms:</source>
            <translation>&amp;Idioma de los formularios:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Language of the forms</source>
            <translation>Idioma de los formularios</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Searching…</source>
            <translation>Buscando…</translation>
        </message>
        <message>
            <location line="+32" />
            <source>Showing the first {count} matches: narrow the search.</source>
            <translation>Se muestran las primeras {count} coincidencias: precise la búsqueda.</translation>
        </message>
        <message>
            <location line="-17" />
            <source>All schools</source>
            <translation>Todas las escuelas</translation>
        </message>
        <message>
            <location line="+8" />
            <source>All grades</source>
            <translation>Todos los grados</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Search failed</source>
            <translation>La búsqueda falló</translation>
        </message>
        <message>
            <location line="+66" />
            <source>A packet holds at most {max} students. Uncheck one to make room, or print this packet first and start another.</source>
            <translation>Un paquete incluye como máximo {max} estudiantes. Desmarque uno para hacer lugar, o imprima primero este paquete y comience otro.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>These {wanted} students do not fit: there is room for {room} more (a packet holds at most {max}). Narrow the list by school or grade.</source>
            <translation>Estos {wanted} estudiantes no caben: hay lugar para {room} más (un paquete incluye como máximo {max}). Reduzca la lista por escuela o grado.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>{count} of {max} students chosen</source>
            <translation>{count} de {max} estudiantes elegidos</translation>
        </message>
        <message>
            <location line="+47" />
            <source>Preparing the packet…</source>
            <translation>Preparando el paquete…</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Consent pac&amp;ket…</source>
            <translation>Pa&amp;quete de consentimientos…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Consent forms for a class of students in one document</source>
            <translation>Formularios de consentimiento de una clase de estudiantes en un solo documento</translation>
        </message>
        <message>
            <location line="+29" />
            <source>grade {grade}, {school}</source>
            <translation>grado {grade}, {school}</translation>
        </message>
    </context>
    <context>
        <name>ConsentsTab</name>
        <message>
            <location filename="../../clinic_desktop/ui/tabs/consents.py" line="+48" />
            <source>Kind</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Partner</source>
            <translation>Agencia asociada</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Signed by</source>
            <translation>Firmado por</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Signed on</source>
            <translation>Fecha de firma</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Expires</source>
            <translation>Vence</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Does not count</source>
            <translation>No es válido</translation>
        </message>
        <message>
            <location line="+53" />
            <source>Selected consent</source>
            <extracomment>The guardians who signed are the student's.</extracomment>
            <translation>Consentimiento seleccionado</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Consent status by kind</source>
            <translation>Estado de los consentimientos por tipo</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Record consent…</source>
            <translation>Registrar consentimiento…</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Record release of information…</source>
            <translation>Registrar autorización de divulgación…</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Revoke…</source>
            <translation>Revocar…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Print form…</source>
            <translation>Imprimir formulario…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Print the blank form of the selected kind to have it signed</source>
            <translation>Imprimir el formulario en blanco del tipo seleccionado para que lo firmen</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Consents on file</source>
            <translation>Consentimientos archivados</translation>
        </message>
        <message>
            <location line="+106" />
            <source>Purpose: {purpose}</source>
            <translation>Propósito: {purpose}</translation>
        </message>
        <message>
            <location line="+10" />
            <source>May share: {shared}</source>
            <translation>Se puede compartir: {shared}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Expires: {event}</source>
            <translation>Vence: {event}</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Revoked {date} (recorded by {user})</source>
            <translation>Revocado el {date} (registrado por {user})</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Recorded by {user}.</source>
            <translation>Registrado por {user}.</translation>
        </message>
    </context>
    <context>
        <name>DateField</name>
        <message>
            <location filename="../../clinic_desktop/ui/widgets/dates.py" line="+73" />
            <source>Calendar…</source>
            <extracomment>The text changed (typed, picked or set).</extracomment>
            <translation>Calendario…</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Pick the {field} from a calendar</source>
            <extracomment>The month the calendar opens on while the field is blank (None: this month).</extracomment>
            <translation>Elegir {field} en un calendario</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Calendar</source>
            <translation>Calendario</translation>
        </message>
    </context>
    <context>
        <name>DemographicsTab</name>
        <message>
            <location filename="../../clinic_desktop/ui/tabs/demographics.py" line="+29" />
            <source>Legal name</source>
            <extracomment>Student facts in two columns: (key, label).</extracomment>
            <translation>Nombre legal</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Preferred name</source>
            <translation>Nombre preferido</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Date of birth</source>
            <translation>Fecha de nacimiento</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Sex</source>
            <translation>Sexo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Gender identity</source>
            <translation>Identidad de género</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Language</source>
            <translation>Idioma</translation>
        </message>
        <message>
            <location line="+3" />
            <source>School</source>
            <translation>Escuela</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Grade</source>
            <translation>Grado</translation>
        </message>
        <message>
            <location line="+1" />
            <source>District ID</source>
            <translation>ID del distrito</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Local ID</source>
            <translation>ID local</translation>
        </message>
        <message>
            <location line="+1" />
            <source>ZIP code</source>
            <translation>Código postal</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Insurance / Medicaid ID</source>
            <translation>ID de seguro / Medicaid</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Foster care</source>
            <translation>Cuidado de crianza (foster care)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No guardians recorded. Add one with Edit student…</source>
            <translation>No hay tutores legales registrados. Agregue uno con Editar estudiante…</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Guardians</source>
            <extracomment>The user asked to edit the student and their guardians.</extracomment>
            <translation>Tutores legales</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Demographics and guardians</source>
            <translation>Datos demográficos y tutores legales</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Student</source>
            <translation>Estudiante</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Edit student and guardians…</source>
            <translation>Editar estudiante y tutores legales…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Edit student and guardians</source>
            <translation>Editar estudiante y tutores legales</translation>
        </message>
        <message>
            <location line="+40" />
            <source>Yes: check who may consent</source>
            <translation>Sí: verifique quién puede dar consentimiento</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No</source>
            <translation>No</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Guardian {name}</source>
            <translation>Tutor legal {name}</translation>
        </message>
        <message>
            <location line="+10" />
            <source>may consent</source>
            <translation>puede dar consentimiento</translation>
        </message>
        <message>
            <location line="+2" />
            <source>may not consent</source>
            <translation>no puede dar consentimiento</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Speaks {language}</source>
            <translation>Habla {language}</translation>
        </message>
    </context>
    <context>
        <name>EntryListTab</name>
        <message>
            <location filename="../../clinic_desktop/ui/tabs/timeline.py" line="+197" />
            <source>Loading…</source>
            <extracomment>Lines of text per entry: title, then up to two lines of detail.</extracomment>
            <translation>Cargando…</translation>
        </message>
    </context>
    <context>
        <name>ErrorDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/error_dialog.py" line="+27" />
            <source>Something went wrong — Clinic Desktop</source>
            <translation>Algo salió mal — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Something went wrong</source>
            <translation>Algo salió mal</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Details for IT</source>
            <translation>Detalles para TI</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Copy details</source>
            <translation>Copiar detalles</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Copied</source>
            <translation>Copiado</translation>
        </message>
    </context>
    <context>
        <name>FactForm</name>
        <message>
            <location filename="../../clinic_desktop/ui/widgets/facts.py" line="+39" />
            <source>{label}:</source>
            <translation>{label}:</translation>
        </message>
    </context>
    <context>
        <name>FieldErrors</name>
        <message>
            <location filename="../../clinic_desktop/ui/widgets/form.py" line="+42" />
            <source>action</source>
            <extracomment>The services' field names as a sentence names them ("date of birth is required"), for errors a form has no field of its own for. Marked here so the extractor finds them; ``field_label`` translates them.</extracomment>
            <translation>acción</translation>
        </message>
        <message>
            <location line="+1" />
            <source>address</source>
            <translation>dirección</translation>
        </message>
        <message>
            <location line="+1" />
            <source>backup reminder</source>
            <translation>recordatorio de copia de seguridad</translation>
        </message>
        <message>
            <location line="+1" />
            <source>password confirmation</source>
            <translation>confirmación de la contraseña</translation>
        </message>
        <message>
            <location line="+1" />
            <source>consent</source>
            <translation>consentimiento</translation>
        </message>
        <message>
            <location line="+1" />
            <source>contact name</source>
            <translation>nombre del contacto</translation>
        </message>
        <message>
            <location line="+1" />
            <source>CPT codes</source>
            <translation>códigos CPT</translation>
        </message>
        <message>
            <location line="+1" />
            <source>date of birth</source>
            <translation>fecha de nacimiento</translation>
        </message>
        <message>
            <location line="+1" />
            <source>display name</source>
            <translation>nombre para mostrar</translation>
        </message>
        <message>
            <location line="+1" />
            <source>disposition</source>
            <translation>destino</translation>
        </message>
        <message>
            <location line="+1" />
            <source>district ID</source>
            <translation>ID del distrito</translation>
        </message>
        <message>
            <location line="+1" />
            <source>duration</source>
            <translation>duración</translation>
        </message>
        <message>
            <location line="+1" />
            <source>email</source>
            <translation>correo electrónico</translation>
        </message>
        <message>
            <location line="+1" />
            <source>expiration date</source>
            <translation>fecha de vencimiento</translation>
        </message>
        <message>
            <location line="+1" />
            <source>expiration event</source>
            <translation>evento de vencimiento</translation>
        </message>
        <message>
            <location line="+1" />
            <source>fax</source>
            <translation>fax</translation>
        </message>
        <message>
            <location line="+1" />
            <source>file</source>
            <translation>archivo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>first name</source>
            <translation>nombre</translation>
        </message>
        <message>
            <location line="+1" />
            <source>gender identity</source>
            <translation>identidad de género</translation>
        </message>
        <message>
            <location line="+1" />
            <source>grade</source>
            <translation>grado</translation>
        </message>
        <message>
            <location line="+1" />
            <source>guardian</source>
            <translation>tutor legal</translation>
        </message>
        <message>
            <location line="+1" />
            <source>guardians</source>
            <translation>tutores legales</translation>
        </message>
        <message>
            <location line="+1" />
            <source>header row</source>
            <translation>fila de encabezado</translation>
        </message>
        <message>
            <location line="+1" />
            <source>ICD-10 codes</source>
            <translation>códigos ICD-10</translation>
        </message>
        <message>
            <location line="+1" />
            <source>idle lock</source>
            <translation>bloqueo por inactividad</translation>
        </message>
        <message>
            <location line="+1" />
            <source>information to release</source>
            <translation>información que se divulga</translation>
        </message>
        <message>
            <location line="+1" />
            <source>instrument</source>
            <translation>instrumento</translation>
        </message>
        <message>
            <location line="+1" />
            <source>insurance ID</source>
            <translation>ID del seguro</translation>
        </message>
        <message>
            <location line="+1" />
            <source>kind</source>
            <translation>tipo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>language</source>
            <translation>idioma</translation>
        </message>
        <message>
            <location line="+1" />
            <source>languages</source>
            <translation>idiomas</translation>
        </message>
        <message>
            <location line="+1" />
            <source>last name</source>
            <translation>apellido</translation>
        </message>
        <message>
            <location line="+1" />
            <source>local ID</source>
            <translation>ID local</translation>
        </message>
        <message>
            <location line="+1" />
            <source>logo</source>
            <translation>logotipo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>maximum age</source>
            <translation>edad máxima</translation>
        </message>
        <message>
            <location line="+1" />
            <source>minimum age</source>
            <translation>edad mínima</translation>
        </message>
        <message>
            <location line="+1" />
            <source>minor-consent rule</source>
            <translation>regla de consentimiento de menores</translation>
        </message>
        <message>
            <location line="+1" />
            <source>months</source>
            <translation>meses</translation>
        </message>
        <message>
            <location line="+1" />
            <source>name</source>
            <translation>nombre</translation>
        </message>
        <message>
            <location line="+1" />
            <source>note</source>
            <translation>nota</translation>
        </message>
        <message>
            <location line="+1" />
            <source>notes</source>
            <translation>notas</translation>
        </message>
        <message>
            <location line="+1" />
            <source>date and time</source>
            <translation>fecha y hora</translation>
        </message>
        <message>
            <location line="+1" />
            <source>partner</source>
            <translation>agencia asociada</translation>
        </message>
        <message>
            <location line="+1" />
            <source>password</source>
            <translation>contraseña</translation>
        </message>
        <message>
            <location line="+1" />
            <source>phone</source>
            <translation>teléfono</translation>
        </message>
        <message>
            <location line="+1" />
            <source>phones</source>
            <translation>teléfonos</translation>
        </message>
        <message>
            <location line="+1" />
            <source>preferred name</source>
            <translation>nombre preferido</translation>
        </message>
        <message>
            <location line="+1" />
            <source>purpose</source>
            <translation>propósito</translation>
        </message>
        <message>
            <location line="+1" />
            <source>reason</source>
            <translation>motivo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>relationship</source>
            <translation>parentesco</translation>
        </message>
        <message>
            <location line="+1" />
            <source>revocation date</source>
            <translation>fecha de revocación</translation>
        </message>
        <message>
            <location line="+1" />
            <source>role</source>
            <translation>rol</translation>
        </message>
        <message>
            <location line="+1" />
            <source>school code</source>
            <translation>código de escuela</translation>
        </message>
        <message>
            <location line="+1" />
            <source>scope</source>
            <translation>alcance</translation>
        </message>
        <message>
            <location line="+1" />
            <source>screening</source>
            <translation>tamizaje</translation>
        </message>
        <message>
            <location line="+1" />
            <source>services</source>
            <translation>servicios</translation>
        </message>
        <message>
            <location line="+1" />
            <source>sex</source>
            <translation>sexo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>signature date</source>
            <translation>fecha de firma</translation>
        </message>
        <message>
            <location line="+1" />
            <source>signer</source>
            <translation>firmante</translation>
        </message>
        <message>
            <location line="+1" />
            <source>site code</source>
            <translation>código del centro</translation>
        </message>
        <message>
            <location line="+1" />
            <source>site name</source>
            <translation>nombre del centro</translation>
        </message>
        <message>
            <location line="+1" />
            <source>site phone</source>
            <translation>teléfono del centro</translation>
        </message>
        <message>
            <location line="+1" />
            <source>students</source>
            <translation>estudiantes</translation>
        </message>
        <message>
            <location line="+1" />
            <source>urgency</source>
            <translation>urgencia</translation>
        </message>
        <message>
            <location line="+1" />
            <source>user name</source>
            <translation>nombre de usuario</translation>
        </message>
        <message>
            <location line="+1" />
            <source>visit</source>
            <translation>visita</translation>
        </message>
        <message>
            <location line="+1" />
            <source>visit type</source>
            <translation>tipo de visita</translation>
        </message>
        <message>
            <location line="+1" />
            <source>ZIP code</source>
            <translation>código postal</translation>
        </message>
        <message>
            <location line="+15" />
            <source>{field} {reason}</source>
            <translation>{field}: {reason}</translation>
        </message>
    </context>
    <context>
        <name>FlagActionDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/flag_action_dialog.py" line="+186" />
            <source>Choose an action…</source>
            <translation>Elija una acción…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Action</source>
            <translation>Acción</translation>
        </message>
        <message>
            <location line="+8" />
            <source>When it happened</source>
            <translation>Cuándo ocurrió</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Action note</source>
            <translation>Nota de la acción</translation>
        </message>
        <message>
            <location line="+4" />
            <location line="+2" />
            <source>Remove this action</source>
            <translation>Quitar esta acción</translation>
        </message>
        <message>
            <location line="+35" />
            <location line="+1" />
            <source>Who</source>
            <translation>Quién</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{field} (required)</source>
            <translation>{field} (obligatorio)</translation>
        </message>
        <message>
            <location line="+49" />
            <source>Flag actions — Clinic Desktop</source>
            <extracomment>"Refer…" in the dialog: the chart opens the referral form for this flag.</extracomment>
            <translation>Acciones de la alerta — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+25" />
            <location line="+24" />
            <source>Flag actions and closing</source>
            <translation>Acciones y cierre de la alerta</translation>
        </message>
        <message>
            <location line="+18" />
            <location line="+161" />
            <source>Save actions</source>
            <translation>Guardar acciones</translation>
        </message>
        <message>
            <location line="-155" />
            <source>Raised {when}.</source>
            <translation>Generada el {when}.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Suicide-risk flag: record at least one action and a closing note before it closes.</source>
            <translation>Alerta de riesgo de suicidio: registre al menos una acción y una nota de cierre antes de cerrarla.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Closing it needs a closing note.</source>
            <translation>Para cerrarla se necesita una nota de cierre.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The sitting's visit is signed: what you add now is marked "recorded after signing".</source>
            <translation>La visita de esta sesión está firmada: lo que agregue ahora se marca como "registrado después de firmar".</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Actions recorded</source>
            <translation>Acciones registradas</translation>
        </message>
        <message>
            <location line="+13" />
            <source>None yet.</source>
            <translation>Ninguna todavía.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Add actions</source>
            <translation>Agregar acciones</translation>
        </message>
        <message>
            <location line="+5" />
            <source>One line per action, at the time it happened (it may be earlier than now). Recording actions does not close the flag.</source>
            <translation>Una línea por acción, con la hora en que ocurrió (puede ser anterior a ahora). Registrar acciones no cierra la alerta.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Actions: problem</source>
            <translation>Acciones: problema</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Add action</source>
            <translation>&amp;Agregar acción</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Refer…</source>
            <translation>&amp;Derivar…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>A referral made from the flag is recorded on it as "Referral made".</source>
            <translation>Una derivación hecha desde la alerta queda registrada en ella como "Se hizo una derivación".</translation>
        </message>
        <message>
            <location line="+58" />
            <source>Other open flags from this sitting</source>
            <translation>Otras alertas abiertas de esta sesión</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Tick the flags this record also covers: they get the same actions and, when you close, the same closing note.</source>
            <translation>Marque las alertas que este registro también cubre: reciben las mismas acciones y, al cerrar, la misma nota de cierre.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Close the flag</source>
            <translation>Cerrar la alerta</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Close the flag with this closing note</source>
            <translation>&amp;Cerrar la alerta con esta nota de cierre</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Closing note</source>
            <translation>Nota de cierre</translation>
        </message>
        <message>
            <location line="+2" />
            <source>How it ended: who was told, what was decided, where the student is now</source>
            <translation>Cómo terminó: a quién se informó, qué se decidió, dónde está ahora el estudiante</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Closing note: problem</source>
            <translation>Nota de cierre: problema</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Save and close flag</source>
            <translation>Guardar y cerrar la alerta</translation>
        </message>
        <message>
            <location line="+114" />
            <source>details not visible to your role</source>
            <translation>detalles no visibles para su función</translation>
        </message>
        <message>
            <location line="+3" />
            <source>recorded after signing</source>
            <translation>registrado después de firmar</translation>
        </message>
        <message>
            <location line="-440" />
            <location line="+49" />
            <source>Note</source>
            <translation>Nota</translation>
        </message>
    </context>
    <context>
        <name>FlagBanner</name>
        <message>
            <location line="-119" />
            <source>Acute flag</source>
            <extracomment>The word that says a flag's severity in text, per language (meaning never by colour).</extracomment>
            <translation>Alerta aguda</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Urgent flag</source>
            <translation>Alerta urgente</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Routine flag</source>
            <translation>Alerta de rutina</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Flag</source>
            <translation>Alerta</translation>
        </message>
    </context>
    <context>
        <name>FormDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/widgets/form_dialog.py" line="+180" />
            <source>Saving…</source>
            <extracomment>False until the form holds what it edits (subclasses that load first). The dialog is done (saved or closed): nothing is submitted or asked any more. Fields are being filled by code: their changes are not the user's edits. The user changed a field since the dialog opened.</extracomment>
            <translation>Guardando…</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Close without saving?</source>
            <translation>¿Cerrar sin guardar?</translation>
        </message>
        <message>
            <location line="+1" />
            <source>What you typed here has not been saved.</source>
            <translation>Lo que escribió aquí no se ha guardado.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Discard changes</source>
            <translation>Descartar cambios</translation>
        </message>
    </context>
    <context>
        <name>FormSection</name>
        <message>
            <location filename="../../clinic_desktop/ui/widgets/form.py" line="+90" />
            <source>{field} (required)</source>
            <translation>{field} (obligatorio)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{field}: problem</source>
            <translation>{field}: problema</translation>
        </message>
    </context>
    <context>
        <name>GuardianDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/guardian_dialog.py" line="+50" />
            <location line="+64" />
            <source>Add guardian</source>
            <translation>Agregar tutor legal</translation>
        </message>
        <message>
            <location line="-64" />
            <source>Edit guardian</source>
            <translation>Editar tutor legal</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Add a parent or guardian</source>
            <translation>Agregar un padre, madre o tutor legal</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Edit parent or guardian</source>
            <translation>Editar padre, madre o tutor legal</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Guardian</source>
            <translation>Tutor legal</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Full name</source>
            <translation>Nombre completo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Relation</source>
            <translation>Parentesco</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+2" />
            <source>Has legal authority to consent</source>
            <translation>Tiene autoridad legal para dar consentimiento</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Set from the relation; change it when a custody order or placement says otherwise</source>
            <translation>Se fija según el parentesco; cámbielo cuando una orden de custodia o una colocación indique otra cosa</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Phones</source>
            <translation>Teléfonos</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Separate several numbers with commas</source>
            <translation>Separe varios números con comas</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Optional</source>
            <translation>Opcional</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Email</source>
            <translation>Correo electrónico</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Language</source>
            <translation>Idioma</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Keep changes</source>
            <translation>Conservar cambios</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/import_dialog.py" line="+47" />
            <source>CSV files (*.csv);;All files (*)</source>
            <extracomment>Marked for translation; translated at use in the "ImportDialog" context.</extracomment>
            <translation>Archivos CSV (*.csv);;Todos los archivos (*)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>This file</source>
            <extracomment>How a file-level problem's subject reads in a sentence.</extracomment>
            <translation>Este archivo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The header row</source>
            <translation>La fila de encabezado</translation>
        </message>
        <message>
            <location line="+70" />
            <source>Import problem</source>
            <translation>Problema de importación</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Required columns: {required}.
Optional: {optional}.</source>
            <translation>Columnas obligatorias: {required}.
Opcionales: {optional}.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Choose CSV file…</source>
            <translation>Elegir archivo CSV…</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Import progress</source>
            <translation>Progreso de la importación</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Result</source>
            <translation>Resultado</translation>
        </message>
        <message>
            <location line="+12" />
            <source>C&amp;opy the rejected rows</source>
            <translation>C&amp;opiar las filas rechazadas</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Copy the rejected rows</source>
            <translation>Copiar las filas rechazadas</translation>
        </message>
        <message>
            <location line="+12" />
            <source>added</source>
            <translation>agregados</translation>
        </message>
        <message>
            <location line="+1" />
            <source>updated</source>
            <translation>actualizados</translation>
        </message>
        <message>
            <location line="+1" />
            <source>unchanged</source>
            <translation>sin cambios</translation>
        </message>
        <message>
            <location line="+1" />
            <source>rejected</source>
            <translation>rechazados</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Rejected rows</source>
            <translation>Filas rechazadas</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Line</source>
            <translation>Línea</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Problem</source>
            <translation>Problema</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Close</source>
            <translation>Cerrar</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Reading the file…</source>
            <translation>Leyendo el archivo…</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Importing row {done} of {total}…</source>
            <translation>Importando la fila {done} de {total}…</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Nothing was imported. {reason}</source>
            <translation>No se importó nada. {reason}</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Import another file…</source>
            <translation>Importar otro archivo…</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Imported; to confirm: {reason}</source>
            <translation>Importada; por confirmar: {reason}</translation>
        </message>
        <message>
            <location line="+17" />
            <source>The rows marked "Imported; to confirm" were imported: confirm them in each student's chart. The other rows were not imported: fix them in the file and import it again; the rows already imported will be recognised, not duplicated.</source>
            <translation>Las filas marcadas «Importada; por confirmar» se importaron: confírmelas en el expediente de cada estudiante. Las demás filas no se importaron: corríjalas en el archivo e impórtelo de nuevo; las filas ya importadas se reconocerán y no se duplicarán.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>These rows were not imported. Fix them in the file and import it again; the rows already imported will be recognised, not duplicated.</source>
            <translation>Estas filas no se importaron. Corríjalas en el archivo e impórtelo de nuevo; las filas ya importadas se reconocerán y no se duplicarán.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Every row was imported. Confirm the rows listed below in each student's chart.</source>
            <translation>Se importaron todas las filas. Confirme en el expediente de cada estudiante las filas que se indican abajo.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Every row was imported.</source>
            <translation>Se importaron todas las filas.</translation>
        </message>
        <message>
            <location line="+52" />
            <source>{subject} {reason}</source>
            <translation>{subject} {reason}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{subject}: {reason}</source>
            <translation>{subject}: {reason}</translation>
        </message>
    </context>
    <context>
        <name>InstrumentCard</name>
        <message>
            <location filename="../../clinic_desktop/ui/tabs/screenings.py" line="+166" />
            <source>{title}: {latest}</source>
            <extracomment>The instrument's title in the interface language.</extracomment>
            <translation>{title}: {latest}</translation>
        </message>
        <message>
            <location line="+8" />
            <source>{title} score trend</source>
            <translation>Tendencia de puntuación de {title}</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Flags</source>
            <translation>Alertas</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{count} open flags</source>
            <translation>{count} alertas abiertas</translation>
        </message>
        <message>
            <location line="+0" />
            <source>{count} open flag</source>
            <translation>{count} alerta abierta</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Latest: {score}, {date}</source>
            <translation>Último: {score}, {date}</translation>
        </message>
        <message>
            <location line="+9" />
            <source>{title} history</source>
            <translation>Historial de {title}</translation>
        </message>
        <message>
            <location line="+34" />
            <source>Incomplete</source>
            <translation>Incompleto</translation>
        </message>
        <message>
            <location line="+1" />
            <source>None</source>
            <translation>Ninguna</translation>
        </message>
    </context>
    <context>
        <name>LanguageBox</name>
        <message>
            <location filename="../../clinic_desktop/ui/widgets/choices.py" line="+15" />
            <source>English</source>
            <extracomment>Languages families most often speak in US school districts, by ISO 639 code.</extracomment>
            <translation>Inglés</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Spanish</source>
            <translation>Español</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Chinese</source>
            <translation>Chino</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Vietnamese</source>
            <translation>Vietnamita</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Arabic</source>
            <translation>Árabe</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Tagalog</source>
            <translation>Tagalo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Korean</source>
            <translation>Coreano</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Russian</source>
            <translation>Ruso</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Portuguese</source>
            <translation>Portugués</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Haitian Creole</source>
            <translation>Criollo haitiano</translation>
        </message>
        <message>
            <location line="+1" />
            <source>French</source>
            <translation>Francés</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Somali</source>
            <translation>Somalí</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Hmong</source>
            <translation>Hmong</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ukrainian</source>
            <translation>Ucraniano</translation>
        </message>
        <message>
            <location line="+53" />
            <source>e.g. English, Spanish</source>
            <translation>p. ej., inglés, español</translation>
        </message>
    </context>
    <context>
        <name>LanguageCombo</name>
        <message>
            <location filename="../../clinic_desktop/ui/widgets/language.py" line="+56" />
            <source>Language / Idioma</source>
            <translation>Idioma / Language</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The language of Clinic Desktop's windows</source>
            <translation>El idioma de las ventanas de Clinic Desktop</translation>
        </message>
    </context>
    <context>
        <name>LanguageMenu</name>
        <message>
            <location line="-34" />
            <source>&amp;Language</source>
            <translation>&amp;Idioma</translation>
        </message>
    </context>
    <context>
        <name>Launcher</name>
        <message>
            <location filename="../../clinic_desktop/ui/app.py" line="+132" />
            <source>Preparing the demo clinic…</source>
            <translation>Preparando la clínica de demostración…</translation>
        </message>
    </context>
    <context>
        <name>LockScreen</name>
        <message>
            <location filename="../../clinic_desktop/ui/lock_screen.py" line="+30" />
            <source>Student information is hidden while you are away. Enter your password to return to where you were; anything you were typing is kept.</source>
            <translation>La información de los estudiantes está oculta mientras usted no está. Ingrese su contraseña para volver a donde estaba; se conserva todo lo que estaba escribiendo.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Sign in as another staff member. The windows open now are closed without saving; drafts already saved stay in the encrypted store for their author.</source>
            <translation>Inicie sesión como otro miembro del personal. Las ventanas abiertas se cierran sin guardar; los borradores ya guardados permanecen en el almacén cifrado para su autor.</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Locked — {site}</source>
            <extracomment>The signed-in user proved it is still them. Someone else signed in (argument: ``site_ops.SignedIn`` with their new session). The user chose to sign out.</extracomment>
            <translation>Bloqueado — {site}</translation>
        </message>
        <message>
            <location line="+43" />
            <location line="+80" />
            <source>Clinic Desktop is locked</source>
            <translation>Clinic Desktop está bloqueado</translation>
        </message>
        <message>
            <location line="-73" />
            <source>Signed-in user</source>
            <translation>Usuario con sesión iniciada</translation>
        </message>
        <message>
            <location line="+13" />
            <location line="+1" />
            <source>User name</source>
            <translation>Nombre de usuario</translation>
        </message>
        <message>
            <location line="+3" />
            <location line="+1" />
            <source>Password</source>
            <translation>Contraseña</translation>
        </message>
        <message>
            <location line="+8" />
            <source>User name:</source>
            <translation>Nombre de usuario:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Password:</source>
            <translation>Contraseña:</translation>
        </message>
        <message>
            <location line="+7" />
            <location line="+2" />
            <location line="+39" />
            <source>Unlock</source>
            <translation>Desbloquear</translation>
        </message>
        <message>
            <location line="-36" />
            <source>Back</source>
            <translation>Volver</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Back to unlock</source>
            <translation>Volver a desbloquear</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Switch user…</source>
            <translation>Cambiar de usuario…</translation>
        </message>
        <message>
            <location line="+2" />
            <location line="+33" />
            <source>Switch user</source>
            <translation>Cambiar de usuario</translation>
        </message>
        <message>
            <location line="-30" />
            <location line="+2" />
            <source>Sign out</source>
            <translation>Cerrar sesión</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Signed in now: {user}</source>
            <translation>Sesión iniciada ahora: {user}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Sign in</source>
            <translation>Iniciar sesión</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Enter your user name and password.</source>
            <translation>Ingrese su nombre de usuario y contraseña.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Enter your password.</source>
            <translation>Ingrese su contraseña.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Signing in…</source>
            <translation>Iniciando sesión…</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Checking…</source>
            <translation>Verificando…</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Your password was reset: sign out, then sign in from the sign-in window to choose a new one.</source>
            <translation>Su contraseña se restableció: cierre la sesión y luego inicie sesión desde la ventana de inicio de sesión para elegir una nueva.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../clinic_desktop/ui/main_window.py" line="+100" />
            <source>{site} — Clinic Desktop</source>
            <extracomment>How often the status bar asks for the age of the last backup and sync. The window closed; True when the user chose to sign out (not to quit). Ctrl+L or the toolbar's Lock. File &gt; Switch user. View &gt; Language: the user picked a language (``i18n`` choice code). A chart's header is on screen (argument: ``ChartHeader``). An administrator saved the Settings dialog (argument: ``AdminSettings``).</extracomment>
            <translation>{site} — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Clinic</source>
            <translation>Clínica</translation>
        </message>
        <message>
            <location line="+43" />
            <source>&amp;Today</source>
            <translation>&amp;Hoy</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Today's visits, follow-ups and flags</source>
            <translation>Visitas, seguimientos y alertas de hoy</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Find student</source>
            <translation>&amp;Buscar estudiante</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;New visit…</source>
            <translation>&amp;Nueva visita…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Record a visit for the open chart</source>
            <translation>Registrar una visita en el expediente abierto</translation>
        </message>
        <message>
            <location line="+3" />
            <source>New &amp;screening…</source>
            <translation>Nuevo &amp;tamizaje…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Administer a screening to the open chart's student</source>
            <translation>Aplicar un tamizaje al estudiante del expediente abierto</translation>
        </message>
        <message>
            <location line="+3" />
            <source>New &amp;referral…</source>
            <translation>Nueva &amp;derivación…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Refer the open chart's student to a partner</source>
            <translation>Derivar al estudiante del expediente abierto a una agencia asociada</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Partner directory…</source>
            <translation>&amp;Directorio de agencias asociadas…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Search and keep the partner agencies</source>
            <translation>Buscar y mantener las agencias asociadas</translation>
        </message>
        <message>
            <location line="+3" />
            <source>New s&amp;tudent…</source>
            <translation>Nuevo &amp;estudiante…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Add a student to the roster</source>
            <translation>Agregar un estudiante a la lista</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Edit student and guardians…</source>
            <translation>&amp;Editar estudiante y tutores legales…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Import roster…</source>
            <translation>&amp;Importar lista de estudiantes…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Import the district's roster (CSV)</source>
            <translation>Importar la lista de estudiantes del distrito (CSV)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Refresh</source>
            <translation>&amp;Actualizar</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Lock screen</source>
            <translation>&amp;Bloquear pantalla</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Hide student information now</source>
            <translation>Ocultar ahora la información de los estudiantes</translation>
        </message>
        <message>
            <location line="+3" />
            <source>S&amp;witch user…</source>
            <translation>&amp;Cambiar de usuario…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Sign &amp;out</source>
            <translation>Ce&amp;rrar sesión</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Quit</source>
            <translation>&amp;Salir</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;About Clinic Desktop</source>
            <translation>&amp;Acerca de Clinic Desktop</translation>
        </message>
        <message>
            <location line="+22" />
            <source>&amp;File</source>
            <translation>&amp;Archivo</translation>
        </message>
        <message>
            <location line="+18" />
            <source>&amp;Edit</source>
            <translation>&amp;Editar</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;View</source>
            <translation>&amp;Ver</translation>
        </message>
        <message>
            <location line="+9" />
            <source>&amp;Help</source>
            <translation>A&amp;yuda</translation>
        </message>
        <message>
            <location line="+4" />
            <location line="+2" />
            <source>Main toolbar</source>
            <translation>Barra de herramientas principal</translation>
        </message>
        <message>
            <location line="+46" />
            <source>Students</source>
            <translation>Estudiantes</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Administration</source>
            <translation>Administración</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Users</source>
            <translation>&amp;Usuarios</translation>
        </message>
        <message>
            <location line="+26" />
            <location line="+1" />
            <source>Print</source>
            <translation>Imprimir</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Print a form for the open chart, or a blank form</source>
            <translation>Imprimir un formulario del expediente abierto o un formulario en blanco</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Signed in as {user}</source>
            <translation>Sesión iniciada como {user}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Last backup: …</source>
            <translation>Última copia de seguridad: …</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Last sync: …</source>
            <translation>Última sincronización: …</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Last backup: {age}</source>
            <translation>Última copia de seguridad: {age}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Last sync: {age}</source>
            <translation>Última sincronización: {age}</translation>
        </message>
        <message>
            <location line="+8" />
            <source>The last backup is older than the site's reminder: ask IT to take one.</source>
            <translation>La última copia de seguridad es más antigua que el recordatorio del centro: pida a TI que haga una.</translation>
        </message>
        <message>
            <location line="+122" />
            <source>Visit saved.</source>
            <translation>Visita guardada.</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Saved.</source>
            <translation>Guardado.</translation>
        </message>
        <message>
            <location line="+37" />
            <source>Student added.</source>
            <translation>Estudiante agregado.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Student saved.</source>
            <translation>Estudiante guardado.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Roster imported.</source>
            <translation>Lista de estudiantes importada.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>About Clinic Desktop</source>
            <translation>Acerca de Clinic Desktop</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Clinic Desktop {version}

An offline, encrypted clinical record for school-based health centers.

Qt {qt} · PySide6 {pyside}</source>
            <translation>Clinic Desktop {version}

Un expediente clínico cifrado y sin conexión para centros de salud escolares.

Qt {qt} · PySide6 {pyside}</translation>
        </message>
        <message>
            <location filename="../../clinic_desktop/ui/tabs/maintenance.py" line="+16" />
            <source>&amp;Sync</source>
            <translation>&amp;Sincronizar</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Backup</source>
            <translation>Copia de se&amp;guridad</translation>
        </message>
    </context>
    <context>
        <name>NewPasswordDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/new_password_dialog.py" line="+32" />
            <source>Your password was reset with the recovery key on {day} at {time}.</source>
            <translation>Su contraseña se restableció con la clave de recuperación el {day} a las {time}.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Your password was reset by {name} on {day} at {time}.</source>
            <translation>{name} restableció su contraseña el {day} a las {time}.</translation>
        </message>
        <message>
            <location line="+12" />
            <location line="+9" />
            <source>Choose a new password</source>
            <translation>Elija una contraseña nueva</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Whoever reset it knows that password: choose one only you know before you continue.</source>
            <translation>Quien la restableció conoce esa contraseña: elija una que solo usted conozca antes de continuar.</translation>
        </message>
        <message>
            <location line="+5" />
            <location line="+11" />
            <source>New password</source>
            <translation>Contraseña nueva</translation>
        </message>
        <message>
            <location line="-7" />
            <source>At least {count} characters</source>
            <translation>Al menos {count} caracteres</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Type the password again</source>
            <translation>Escriba la contraseña otra vez</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Confirm password</source>
            <translation>Confirmar contraseña</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Set password</source>
            <translation>Guardar contraseña</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The passwords do not match.</source>
            <translation>Las contraseñas no coinciden.</translation>
        </message>
    </context>
    <context>
        <name>PartnerDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/partner_dialog.py" line="+58" />
            <source>Edit partner</source>
            <extracomment>The spin boxes' value meaning "no limit" (shown as words, not a number).</extracomment>
            <translation>Editar agencia asociada</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Add a partner</source>
            <translation>Agregar una agencia asociada</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{title} — Clinic Desktop</source>
            <translation>{title} — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Agency</source>
            <translation>Agencia</translation>
        </message>
        <message>
            <location line="+1" />
            <source>e.g. Eastside Counseling</source>
            <translation>p. ej., Eastside Counseling</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Kind</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>e.g. Individual counseling; Family therapy</source>
            <translation>p. ej., consejería individual; terapia familiar</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Services</source>
            <translation>Servicios</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Separate with ;</source>
            <translation>Separe con ;</translation>
        </message>
        <message>
            <location line="+2" />
            <source>e.g. English; Spanish</source>
            <translation>p. ej., inglés; español</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Languages</source>
            <translation>Idiomas</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No minimum</source>
            <translation>Sin mínimo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>No maximum</source>
            <translation>Sin máximo</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Youngest age</source>
            <translation>Edad mínima</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Oldest age</source>
            <translation>Edad máxima</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+1" />
            <source>Accepts Medicaid</source>
            <translation>Acepta Medicaid</translation>
        </message>
        <message>
            <location line="+5" />
            <location line="+2" />
            <source>Contact</source>
            <translation>Contacto</translation>
        </message>
        <message>
            <location line="-1" />
            <source>Who receives referrals</source>
            <translation>Quién recibe las derivaciones</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Phone</source>
            <translation>Teléfono</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Fax</source>
            <translation>Fax</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Email</source>
            <translation>Correo electrónico</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Address</source>
            <translation>Dirección</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Notes</source>
            <translation>Notas</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Save partner</source>
            <translation>Guardar agencia asociada</translation>
        </message>
        <message>
            <location line="+65" />
            <source> years</source>
            <translation> años</translation>
        </message>
    </context>
    <context>
        <name>PartnerImportDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/partner_import_dialog.py" line="+19" />
            <source>Choose a CSV file of partner agencies (saved as CSV UTF-8, with a header row). Partners are matched by name: importing the file again updates them, never duplicates them, and a blank cell never erases what is already recorded. Services and languages hold several values separated by semicolons.</source>
            <translation>Elija un archivo CSV de agencias asociadas (guardado como CSV UTF-8, con una fila de encabezado). Las agencias se identifican por nombre: importar el archivo otra vez las actualiza, nunca las duplica, y una celda vacía nunca borra lo que ya está registrado. Servicios e idiomas admiten varios valores separados por punto y coma.</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Import partners — Clinic Desktop</source>
            <translation>Importar agencias asociadas — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Import partner agencies</source>
            <translation>Importar agencias asociadas</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Choose the partner CSV file and import it</source>
            <translation>Elegir el archivo CSV de agencias asociadas e importarlo</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Choose the partner file</source>
            <translation>Elegir el archivo de agencias asociadas</translation>
        </message>
        <message>
            <location line="-6" />
            <source>Columns the partner file needs</source>
            <translation>Columnas que necesita el archivo de agencias asociadas</translation>
        </message>
    </context>
    <context>
        <name>PartnerWindow</name>
        <message>
            <location filename="../../clinic_desktop/ui/partner_window.py" line="+75" />
            <source>Partner directory — Clinic Desktop</source>
            <translation>Directorio de agencias asociadas — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Partner directory</source>
            <translation>Directorio de agencias asociadas</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Selected partner</source>
            <translation>Agencia asociada seleccionada</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Search by name</source>
            <translation>Buscar por nombre</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Search partners by name</source>
            <translation>Buscar agencias asociadas por nombre</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Any kind</source>
            <translation>Cualquier tipo</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Kind of partner</source>
            <translation>Tipo de agencia asociada</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Service, e.g. counseling</source>
            <translation>Servicio, p. ej., consejería</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Service</source>
            <translation>Servicio</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Language, e.g. Spanish</source>
            <translation>Idioma, p. ej., español</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Language</source>
            <translation>Idioma</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Any age</source>
            <translation>Cualquier edad</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Serves students aged</source>
            <translation>Atiende a estudiantes de edad</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Accepts Medicaid</source>
            <translation>Acepta Medicaid</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Only partners accepting Medicaid</source>
            <translation>Solo agencias asociadas que aceptan Medicaid</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Show inactive</source>
            <translation>Mostrar inactivas</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Show inactive partners too</source>
            <translation>Mostrar también las agencias asociadas inactivas</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Add partner…</source>
            <translation>Agregar agencia asociada…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Edit…</source>
            <translation>Editar…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Import CSV…</source>
            <translation>Importar CSV…</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Partners</source>
            <translation>Agencias asociadas</translation>
        </message>
        <message>
            <location line="+78" />
            <source>Reactivate…</source>
            <translation>Reactivar…</translation>
        </message>
        <message>
            <location line="+62" />
            <source>Yes</source>
            <translation>Sí</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No</source>
            <translation>No</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Active</source>
            <translation>Activa</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Inactive</source>
            <translation>Inactiva</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Contact</source>
            <translation>Contacto</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Fax</source>
            <translation>Fax</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Email</source>
            <translation>Correo electrónico</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Address</source>
            <translation>Dirección</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Notes</source>
            <translation>Notas</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{label}: {value}</source>
            <translation>{label}: {value}</translation>
        </message>
        <message>
            <location line="-177" />
            <location line="+91" />
            <source>Deactivate…</source>
            <translation>Desactivar…</translation>
        </message>
        <message>
            <location line="-200" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Kind</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Services</source>
            <translation>Servicios</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Languages</source>
            <translation>Idiomas</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ages</source>
            <translation>Edades</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Medicaid</source>
            <translation>Medicaid</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+272" />
            <source>Phone</source>
            <translation>Teléfono</translation>
        </message>
        <message>
            <location line="-271" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location line="+152" />
            <source>{count} partners</source>
            <translation>{count} agencias asociadas</translation>
        </message>
        <message>
            <location line="+1" />
            <source>1 partner</source>
            <translation>1 agencia asociada</translation>
        </message>
        <message>
            <location line="+73" />
            <source>Deactivate this partner?</source>
            <translation>¿Desactivar esta agencia asociada?</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{name} will no longer be offered for new referrals or releases. Past referrals and releases keep naming it, and it can be reactivated later.</source>
            <translation>{name} ya no se ofrecerá para nuevas derivaciones ni autorizaciones. Las derivaciones y autorizaciones anteriores la siguen nombrando, y se puede reactivar más adelante.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Deactivate</source>
            <translation>Desactivar</translation>
        </message>
    </context>
    <context>
        <name>PdfPages</name>
        <message>
            <location filename="../../clinic_desktop/ui/print_preview.py" line="+90" />
            <source>The form could not be prepared for preview.</source>
            <translation>No se pudo preparar el formulario para la vista previa.</translation>
        </message>
    </context>
    <context>
        <name>PrintMenu</name>
        <message>
            <location filename="../../clinic_desktop/ui/print_menu.py" line="+39" />
            <source>&amp;Automatic (the family's language)</source>
            <extracomment>(code, label) of the Language submenu; "" leaves the choice to each form.</extracomment>
            <translation>&amp;Automático (el idioma de la familia)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;English</source>
            <translation>&amp;Inglés</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Spanish</source>
            <translation>&amp;Español</translation>
        </message>
        <message>
            <location line="+3" />
            <source>English</source>
            <translation>Inglés</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Spanish</source>
            <translation>Español</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Consent for services</source>
            <translation>&amp;Consentimiento para servicios</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+50" />
            <source>&amp;Release of information</source>
            <translation>&amp;Autorización para divulgar información</translation>
        </message>
        <message>
            <location line="-49" />
            <location line="+52" />
            <source>Re&amp;ferral letter</source>
            <translation>Carta de &amp;derivación</translation>
        </message>
        <message>
            <location line="-51" />
            <source>Screening results &amp;letter</source>
            <translation>Carta de &amp;resultados del tamizaje</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+144" />
            <source>Return-to-class &amp;pass</source>
            <translation>&amp;Pase de regreso a clase</translation>
        </message>
        <message>
            <location line="-142" />
            <source>None on file</source>
            <translation>No hay ninguno registrado</translation>
        </message>
        <message>
            <location line="+28" />
            <source>&amp;Print</source>
            <extracomment>A sentence for the status bar ("Preparing the referral letter…"). The chart's printable records arrived (argument: ``PrintChoices``). A preview opened (argument: the ``PrintPreviewDialog``).</extracomment>
            <translation>&amp;Imprimir</translation>
        </message>
        <message>
            <location line="+14" />
            <source>&amp;Consent for services…</source>
            <translation>&amp;Consentimiento para servicios…</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Results &amp;letter (latest screening)…</source>
            <translation>Carta de &amp;resultados (último tamizaje)…</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Return-to-class &amp;pass (latest visit)…</source>
            <translation>&amp;Pase de regreso a clase (última visita)…</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Lan&amp;guage</source>
            <translation>&amp;Idioma</translation>
        </message>
        <message>
            <location line="+11" />
            <source>&amp;Blank forms</source>
            <translation>&amp;Formularios en blanco</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Blank &amp;screening</source>
            <translation>&amp;Tamizaje en blanco</translation>
        </message>
        <message>
            <location line="+43" />
            <source>Results &amp;letter</source>
            <translation>Carta de &amp;resultados</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Open a chart first</source>
            <translation>Primero abra un expediente</translation>
        </message>
        <message>
            <location line="+28" />
            <location line="+79" />
            <source>the consent form</source>
            <translation>el formulario de consentimiento</translation>
        </message>
        <message>
            <location line="-71" />
            <location line="+67" />
            <location line="+30" />
            <source>the release of information</source>
            <translation>la autorización para divulgar información</translation>
        </message>
        <message>
            <location line="-91" />
            <location line="+70" />
            <source>the referral letter</source>
            <translation>la carta de derivación</translation>
        </message>
        <message>
            <location line="-61" />
            <location line="+66" />
            <source>the results letter</source>
            <translation>la carta de resultados</translation>
        </message>
        <message>
            <location line="-57" />
            <location line="+62" />
            <source>the return-to-class pass</source>
            <translation>el pase de regreso a clase</translation>
        </message>
        <message>
            <location line="-55" />
            <source>the blank form</source>
            <translation>el formulario en blanco</translation>
        </message>
        <message>
            <location line="+9" />
            <source>the blank screening</source>
            <translation>el tamizaje en blanco</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Preparing {what}…</source>
            <translation>Preparando {what}…</translation>
        </message>
        <message>
            <location line="+57" />
            <source>{name} — signed {date} (revoked)…</source>
            <translation>{name} — firmada el {date} (revocada)…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{name} — signed {date}…</source>
            <translation>{name} — firmada el {date}…</translation>
        </message>
        <message>
            <location line="+13" />
            <source>{text} (no screening yet)</source>
            <translation>{text} (todavía sin tamizaje)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{text} (no visit yet)</source>
            <translation>{text} (todavía sin visita)</translation>
        </message>
        <message>
            <location line="+6" />
            <source>visit</source>
            <translation>visita</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{text} ({what}, {date})…</source>
            <translation>{text} ({what}, {date})…</translation>
        </message>
    </context>
    <context>
        <name>PrintPreviewDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/print_preview.py" line="-33" />
            <source>PDF documents (*.pdf)</source>
            <translation>Documentos PDF (*.pdf)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This installation of Clinic Desktop cannot show PDF pages: the Qt PDF module (PySide6-Addons) is not installed. Save the form, then check and print it in your PDF viewer. No copy is kept anywhere else.</source>
            <extracomment>Pages are drawn for the printer at this resolution at most: sharp on paper, and a letter page stays about 33 MB while it is drawn (1200 dpi would be 540 MB).</extracomment>
            <translation>Esta instalación de Clinic Desktop no puede mostrar páginas PDF: el módulo Qt PDF (PySide6-Addons) no está instalado. Guarde el formulario y luego revíselo e imprímalo en su visor de PDF. No se guarda ninguna copia en otro lugar.</translation>
        </message>
        <message>
            <location line="+57" />
            <source>The printer could not be started. Check that it is on and ready.</source>
            <translation>No se pudo iniciar la impresora. Verifique que esté encendida y lista.</translation>
        </message>
        <message>
            <location line="+51" />
            <source>{title} — Print preview</source>
            <extracomment>The PDF was written where the user chose (argument: the ``Path``). Pages went to the printer (argument: how many). The form's name in the interface language (the service writes it in English).</extracomment>
            <translation>{title} — Vista previa de impresión</translation>
        </message>
        <message>
            <location line="+27" />
            <source>1 page</source>
            <translation>1 página</translation>
        </message>
        <message>
            <location line="+0" />
            <source>{count} pages</source>
            <translation>{count} páginas</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{pages} · Save As suggests {name}</source>
            <translation>{pages} · Guardar como sugiere {name}</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Form preview</source>
            <translation>Vista previa del formulario</translation>
        </message>
        <message>
            <location line="+12" />
            <source>No preview in this installation</source>
            <translation>Sin vista previa en esta instalación</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Save and open in PDF viewer…</source>
            <translation>Guardar y abrir en el visor de PDF…</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Print…</source>
            <translation>&amp;Imprimir…</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Printing from the app needs the Qt PDF module.</source>
            <translation>Para imprimir desde la aplicación se necesita el módulo Qt PDF.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Save As…</source>
            <translation>&amp;Guardar como…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Close</source>
            <translation>Cerrar</translation>
        </message>
        <message>
            <location line="+27" />
            <source>Print form</source>
            <translation>Imprimir formulario</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Save form as PDF</source>
            <translation>Guardar formulario como PDF</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Saved as {path}, but no PDF viewer opened it.</source>
            <translation>Se guardó como {path}, pero ningún visor de PDF lo abrió.</translation>
        </message>
    </context>
    <context>
        <name>RecoveryKeyDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/recovery_key_dialog.py" line="+21" />
            <source>The recovery key opens this clinic's records if every administrator password is lost. It is shown only now and cannot be displayed again. Write it on paper and keep it locked away, apart from this computer.</source>
            <translation>La clave de recuperación abre los registros de esta clínica si se pierden todas las contraseñas de administrador. Se muestra solo ahora y no se puede volver a mostrar. Escríbala en papel y guárdela bajo llave, lejos de esta computadora.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Recovery key — Clinic Desktop</source>
            <translation>Clave de recuperación — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Write down the recovery key</source>
            <translation>Anote la clave de recuperación</translation>
        </message>
        <message>
            <location line="+5" />
            <source>I have written down the recovery key</source>
            <translation>Ya anoté la clave de recuperación</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Copy</source>
            <translation>Copiar</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Done</source>
            <translation>Listo</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Copied</source>
            <translation>Copiado</translation>
        </message>
    </context>
    <context>
        <name>ReferralActionDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/referral_action_dialog.py" line="+86" />
            <source>{action} — Clinic Desktop</source>
            <extracomment>A release was recorded from here (the chart's consents change too). ``(form kind, ids)``: print a form (the print preview connects here).</extracomment>
            <translation>{action} — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+14" />
            <source>{action}: referral to {partner}</source>
            <translation>{action}: derivación a {partner}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Now {status}; after this: {target}.</source>
            <translation>Estado actual: {status}; después de esto: {target}.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Why the change was refused</source>
            <translation>Por qué se rechazó el cambio</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Details</source>
            <translation>Detalles</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Appointment</source>
            <translation>Cita</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Attended on</source>
            <translation>Asistió el</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Choose how the loop ended</source>
            <translation>Elija cómo se cerró el ciclo</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Outcome</source>
            <translation>Resultado</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Optional: who you spoke to, what was said</source>
            <translation>Opcional: con quién habló y qué se dijo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Note</source>
            <translation>Nota</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Checking the release of information…</source>
            <translation>Verificando la autorización de divulgación…</translation>
        </message>
        <message>
            <location line="+6" />
            <source>&amp;Record release of information…</source>
            <translation>&amp;Registrar autorización de divulgación…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Print release form…</source>
            <translation>&amp;Imprimir formulario de autorización…</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Release of information on file: {reason}</source>
            <translation>Autorización de divulgación archivada: {reason}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Not ready to send: {reason} Record the signed release, or print the form for the family to sign.</source>
            <translation>Todavía no se puede enviar: {reason} Registre la autorización firmada o imprima el formulario para que la familia lo firme.</translation>
        </message>
    </context>
    <context>
        <name>ReferralDetail</name>
        <message>
            <location filename="../../clinic_desktop/ui/tabs/referrals.py" line="+260" />
            <source>Reason</source>
            <extracomment>The clinic's day (``ClinicSession.today``), for "due" and "overdue".</extracomment>
            <translation>Motivo</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Status timeline</source>
            <translation>Cronología del estado</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Next steps</source>
            <translation>Próximos pasos</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Referral to {partner}</source>
            <extracomment>Next steps two to a row when they fit (``button_columns``): a sent referral offers six, too many for one line.</extracomment>
            <translation>Derivación a {partner}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Details not visible to your role</source>
            <translation>Detalles no visibles para su función</translation>
        </message>
        <message>
            <location line="+7" />
            <source>This referral's loop is closed.</source>
            <translation>El ciclo de esta derivación está cerrado.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>{urgency} urgency</source>
            <translation>Urgencia: {urgency}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>made by {user}</source>
            <translation>hecha por {user}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>linked to a screening</source>
            <translation>vinculada a un tamizaje</translation>
        </message>
        <message>
            <location line="+6" />
            <source>follow-up {due}</source>
            <translation>seguimiento: {due}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>follow up by {date}</source>
            <translation>seguimiento antes del {date}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>outcome: {outcome}</source>
            <translation>resultado: {outcome}</translation>
        </message>
    </context>
    <context>
        <name>ReferralDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/referral_dialog.py" line="+69" />
            <source>New referral — Clinic Desktop</source>
            <translation>Nueva derivación — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+13" />
            <source>New referral</source>
            <translation>Nueva derivación</translation>
        </message>
        <message>
            <location line="+1" />
            <source>For {name}, age {age}. Saved as a draft to send.</source>
            <translation>Para {name}, {age} años. Se guarda como borrador para enviarla después.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Referral</source>
            <translation>Derivación</translation>
        </message>
        <message>
            <location line="+2" />
            <location line="+20" />
            <source>Partner</source>
            <translation>Agencia asociada</translation>
        </message>
        <message>
            <location line="-16" />
            <source>What the partner should know: the concern and the ask</source>
            <translation>Lo que la agencia asociada debe saber: la preocupación y lo que se solicita</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Reason</source>
            <translation>Motivo</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+35" />
            <source>Urgency</source>
            <translation>Urgencia</translation>
        </message>
        <message>
            <location line="-32" />
            <location line="+3" />
            <source>Linked screening</source>
            <translation>Tamizaje vinculado</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Search partners</source>
            <translation>Buscar agencias asociadas</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Search by name, service or language</source>
            <translation>Buscar por nombre, servicio o idioma</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Partners</source>
            <translation>Agencias asociadas</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Loading partners…</source>
            <translation>Cargando agencias asociadas…</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Urgency: {urgency}</source>
            <translation>Urgencia: {urgency}</translation>
        </message>
        <message>
            <location line="+11" />
            <source>&amp;Save draft</source>
            <translation>&amp;Guardar borrador</translation>
        </message>
        <message>
            <location line="+12" />
            <source>The screening of {date} that raised: {flag}</source>
            <translation>El tamizaje del {date} que generó: {flag}</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Serve students aged {age}</source>
            <translation>Atienden a estudiantes de {age} años</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Other partners (age range on file does not include the student)</source>
            <translation>Otras agencias asociadas (el rango de edad registrado no incluye al estudiante)</translation>
        </message>
        <message>
            <location line="+6" />
            <source>No active partners yet: add them in the partner directory (Partners…).</source>
            <translation>Todavía no hay agencias asociadas activas: agréguelas en el directorio de agencias asociadas (Agencias asociadas…).</translation>
        </message>
        <message>
            <location line="+83" />
            <source>ages {ages}</source>
            <translation>edades {ages}</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Services: {services}</source>
            <translation>Servicios: {services}</translation>
        </message>
    </context>
    <context>
        <name>ReferralTimeline</name>
        <message>
            <location filename="../../clinic_desktop/ui/tabs/referrals.py" line="+54" />
            <source>Status timeline</source>
            <translation>Cronología del estado</translation>
        </message>
        <message>
            <location line="+20" />
            <source>No changes recorded.</source>
            <translation>No hay cambios registrados.</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{when} by {user}</source>
            <translation>{when} por {user}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>unknown</source>
            <translation>desconocido</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Appointment: {when}</source>
            <translation>Cita: {when}</translation>
        </message>
    </context>
    <context>
        <name>ReferralsTab</name>
        <message>
            <location line="-379" />
            <source>Made</source>
            <translation>Fecha</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Partner</source>
            <translation>Agencia asociada</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Urgency</source>
            <translation>Urgencia</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Follow-up due</source>
            <translation>Seguimiento para</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No referrals for this student yet.</source>
            <translation>Este estudiante todavía no tiene derivaciones.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Only clinicians move referrals along; your role can read them.</source>
            <translation>Solo el personal clínico puede avanzar las derivaciones; su rol puede consultarlas.</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Select a referral to see its history and next steps.</source>
            <extracomment>A release of information changes what Send needs.</extracomment>
            <translation>Seleccione una derivación para ver su historial y los próximos pasos.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>New referral…</source>
            <translation>Nueva derivación…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>New referral</source>
            <translation>Nueva derivación</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Print letter…</source>
            <translation>Imprimir carta…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Print the referral letter</source>
            <translation>Imprimir la carta de derivación</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Selected referral</source>
            <translation>Derivación seleccionada</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Referrals</source>
            <translation>Derivaciones</translation>
        </message>
    </context>
    <context>
        <name>RevokeConsentDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/revoke_consent_dialog.py" line="+36" />
            <source>Revoke consent — Clinic Desktop</source>
            <translation>Revocar consentimiento — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Record that the consent was withdrawn</source>
            <translation>Registrar que se retiró el consentimiento</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Revocation</source>
            <translation>Revocación</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Withdrawn on</source>
            <translation>Fecha de retiro</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Out of force from this day on.</source>
            <translation>Deja de tener efecto a partir de este día.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Revoke</source>
            <translation>&amp;Revocar</translation>
        </message>
        <message>
            <location line="+22" />
            <source>the student</source>
            <translation>el estudiante</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{kind} for {partner}, signed {date} by {signer}.</source>
            <translation>{kind} para {partner}, firmado el {date} por {signer}.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{kind}, signed {date} by {signer}.</source>
            <translation>{kind}, firmado el {date} por {signer}.</translation>
        </message>
    </context>
    <context>
        <name>RosterImportDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/roster_import_dialog.py" line="+20" />
            <source>Choose the CSV file exported from the district's student information system (saved as CSV UTF-8, with a header row). Students are matched by district ID: importing the file again updates them, never duplicates them, and never deletes anyone.</source>
            <translation>Elija el archivo CSV exportado del sistema de información estudiantil del distrito (guardado como CSV UTF-8, con una fila de encabezado). Los estudiantes se identifican por el ID del distrito: si importa el archivo de nuevo, se actualizan; nunca se duplican ni se elimina a nadie.</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Import roster — Clinic Desktop</source>
            <translation>Importar lista de estudiantes — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Import the district roster</source>
            <translation>Importar la lista de estudiantes del distrito</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Choose the roster CSV file and import it</source>
            <translation>Elegir el archivo CSV de la lista e importarlo</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Choose the roster file</source>
            <translation>Elegir el archivo de la lista</translation>
        </message>
        <message>
            <location line="+15" />
            <source>The file names schools that are not in this clinic's school list: {codes}.

Add them only if they are real schools of this clinic (check that the file's school_code column holds school codes). Rows naming a school that is not added are not imported.</source>
            <translation>El archivo nombra escuelas que no están en la lista de escuelas de esta clínica: {codes}.

Agréguelas solo si son escuelas reales de esta clínica (compruebe que la columna school_code del archivo contiene códigos de escuela). Las filas que nombren una escuela que no se agregue no se importan.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>New schools</source>
            <translation>Escuelas nuevas</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Add these schools</source>
            <translation>Agregar estas escuelas</translation>
        </message>
        <message>
            <location line="-27" />
            <source>Columns the roster file needs</source>
            <translation>Columnas que necesita el archivo de la lista</translation>
        </message>
    </context>
    <context>
        <name>RosterModel</name>
        <message>
            <location filename="../../clinic_desktop/ui/models/roster_model.py" line="+39" />
            <source>{born} (age {age})</source>
            <extracomment>The row's ``StudentSummary``. The second line under the name: date of birth, age, grade, school. The district id, shown at the right of the name.</extracomment>
            <translation>{born} ({age} años)</translation>
        </message>
        <message>
            <location line="+6" />
            <source>grade {grade}</source>
            <translation>grado {grade}</translation>
        </message>
        <message>
            <location line="+83" />
            <source>{student}, district ID {id}</source>
            <extracomment>The number of students the query matches (argument: the count).</extracomment>
            <translation>{student}, ID del distrito {id}</translation>
        </message>
    </context>
    <context>
        <name>RosterPane</name>
        <message>
            <location filename="../../clinic_desktop/ui/roster_pane.py" line="+46" />
            <source>Name, preferred name, district ID or date of birth</source>
            <translation>Nombre, ID o fecha de nacimiento</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No student matches. Check the spelling, or search by date of birth (MM/DD/YYYY) or district ID.</source>
            <translation>Ningún estudiante coincide. Revise la ortografía o busque por fecha de nacimiento (DD/MM/AAAA) o ID del distrito.</translation>
        </message>
        <message>
            <location line="+83" />
            <source>Search students</source>
            <extracomment>Enter, click or double-click on a student (argument: ``StudentSummary``). A search's first page is in the list (argument: rows loaded).</extracomment>
            <translation>Buscar estudiantes</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Type a name, preferred name, district ID or date of birth; press Down to go to the results and Enter to open a chart.</source>
            <translation>Escriba un nombre, nombre preferido, ID del distrito o fecha de nacimiento; presione Flecha abajo para ir a los resultados y Enter para abrir un expediente.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Number of matching students</source>
            <translation>Número de estudiantes que coinciden</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Students</source>
            <translation>Estudiantes</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Searching…</source>
            <translation>Buscando…</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Search failed</source>
            <translation>La búsqueda falló</translation>
        </message>
        <message>
            <location line="+55" />
            <source>{count}+ students</source>
            <translation>{count}+ estudiantes</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{count}+ matches</source>
            <translation>{count}+ coincidencias</translation>
        </message>
        <message>
            <location line="+3" />
            <source>1 student</source>
            <translation>1 estudiante</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{count} students</source>
            <translation>{count} estudiantes</translation>
        </message>
        <message>
            <location line="+4" />
            <source>No matches</source>
            <translation>Sin coincidencias</translation>
        </message>
        <message>
            <location line="+2" />
            <source>1 match</source>
            <translation>1 coincidencia</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{count} matches</source>
            <translation>{count} coincidencias</translation>
        </message>
    </context>
    <context>
        <name>ScoreTrend</name>
        <message>
            <location filename="../../clinic_desktop/ui/score_trend.py" line="+39" />
            <source>{date}: {score}</source>
            <extracomment>Above this many points only the first and the last score are written on the chart.</extracomment>
            <translation>{date}: {score}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{date}: {score} ({band})</source>
            <translation>{date}: {score} ({band})</translation>
        </message>
        <message>
            <location line="+30" />
            <source>Score trend</source>
            <translation>Tendencia de puntuación</translation>
        </message>
        <message>
            <location line="+21" />
            <source>No scored screenings yet.</source>
            <translation>Todavía no hay tamizajes con puntuación.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>One score: {point}.</source>
            <translation>Una puntuación: {point}.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{count} scores from {first} to {last}; latest {point}, {movement}.</source>
            <translation>{count} puntuaciones del {first} al {last}; la última: {point}, {movement}.</translation>
        </message>
        <message>
            <location line="+67" />
            <source>No scores yet</source>
            <translation>Todavía no hay puntuaciones</translation>
        </message>
        <message>
            <location line="+70" />
            <source>up from {score}</source>
            <translation>subió desde {score}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>down from {score}</source>
            <translation>bajó desde {score}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>unchanged</source>
            <translation>sin cambios</translation>
        </message>
    </context>
    <context>
        <name>ScreeningDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/screening_dialog.py" line="+80" />
            <source>Saved. This screening raised an acute flag.</source>
            <translation>Guardado. Este tamizaje generó una alerta de riesgo aguda.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Record the action taken now, or choose “Record later”: the flag then stays open on the student's chart header and on the Today view until an action is recorded.</source>
            <translation>Registre ahora la acción tomada o elija «Registrar después»: la alerta de riesgo queda abierta en el encabezado del expediente del estudiante y en la vista Hoy hasta que se registre una acción.</translation>
        </message>
        <message>
            <location line="+51" />
            <source>New screening — Clinic Desktop</source>
            <translation>Nuevo tamizaje — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+115" />
            <source>Question</source>
            <translation>Pregunta</translation>
        </message>
        <message>
            <location line="+19" />
            <location line="+383" />
            <source>For the clinician</source>
            <translation>Para el clínico</translation>
        </message>
        <message>
            <location line="-363" />
            <source>No flag raised. A flag appears here the moment an answer raises it.</source>
            <translation>No se generó ninguna alerta. Una alerta aparece aquí en cuanto una respuesta la genera.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>This screening is on record (in progress) because it raised a flag. A flag stays open, even if the answer changes, until it is closed with a note.</source>
            <translation>Este tamizaje ya consta en el expediente (en curso) porque generó una alerta. Una alerta queda abierta, aunque cambie la respuesta, hasta que se cierre con una nota.</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Stop this screening? It raised a flag.</source>
            <translation>¿Detener este tamizaje? Generó una alerta.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The screening and its flags are already on record. Stopping keeps every flag open until a clinician closes it with a note. Say why the screening stops; the reason is kept in the record and the audit log.</source>
            <translation>El tamizaje y sus alertas ya constan en el expediente. Al detenerlo, cada alerta queda abierta hasta que un clínico la cierre con una nota. Indique por qué se detiene el tamizaje; el motivo queda en el expediente y en el registro de auditoría.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>&amp;Reason (required):</source>
            <translation>&amp;Motivo (obligatorio):</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Reason for stopping the screening</source>
            <translation>Motivo para detener el tamizaje</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Back to the screening</source>
            <translation>&amp;Volver al tamizaje</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stop and &amp;keep the flags open</source>
            <translation>Detener y dejar las alertas &amp;abiertas</translation>
        </message>
        <message>
            <location line="+70" />
            <source>&amp;Record action now…</source>
            <translation>&amp;Registrar la acción ahora…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Record &amp;later</source>
            <translation>Registrar &amp;después</translation>
        </message>
        <message>
            <location line="+246" />
            <source>For the clinician · 1 flag raised</source>
            <translation>Para el clínico · 1 alerta generada</translation>
        </message>
        <message>
            <location line="+1" />
            <source>For the clinician · {count} flags raised</source>
            <translation>Para el clínico · {count} alertas generadas</translation>
        </message>
        <message>
            <location line="+50" />
            <source>Unofficial wording ({language}): the clinic's own translation of the {instrument}, not yet checked against the published text. Scores are comparable only if the student understood every item. Published wording: {official}.</source>
            <translation>Redacción no oficial ({language}): traducción propia de la clínica del {instrument}, todavía no verificada con el texto publicado. Los puntajes solo son comparables si el estudiante entendió cada pregunta. Redacción publicada: {official}.</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Answer at least one question before saving.</source>
            <translation>Responda al menos una pregunta antes de guardar.</translation>
        </message>
        <message>
            <location line="+103" />
            <source>Say why the screening stops.</source>
            <translation>Indique por qué se detiene el tamizaje.</translation>
        </message>
        <message>
            <location line="+44" />
            <source>Save an incomplete screening?</source>
            <translation>¿Guardar un tamizaje incompleto?</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{count} questions are not answered.</source>
            <translation>Hay {count} preguntas sin responder.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>1 question is not answered.</source>
            <translation>Hay 1 pregunta sin responder.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>An incomplete screening is saved without a total or a band; any flags already raised are kept.</source>
            <translation>Un tamizaje incompleto se guarda sin total ni nivel; se conservan las alertas de riesgo ya generadas.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Save incomplete</source>
            <translation>Guardar incompleto</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Discard the answers?</source>
            <translation>¿Descartar las respuestas?</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The answers given so far are not saved and will be lost.</source>
            <translation>Las respuestas dadas hasta ahora no se han guardado y se perderán.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Discard answers</source>
            <translation>Descartar respuestas</translation>
        </message>
    </context>
    <context>
        <name>ScreeningForm</name>
        <message>
            <location filename="../../clinic_desktop/ui/screening_question.py" line="+44" />
            <source>New screening</source>
            <extracomment>Texts of the form itself. They follow the screening's language (the student's, chosen per administration with the dialog's English / Español switch), not the interface language: a Spanish-speaking student can answer on a clinician's English desktop. So they are marked for translation like any text (their Spanish lives in the .ts) but looked up with a translator of their own, by ``form_text``.</extracomment>
            <translation>Nuevo tamizaje</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{age} years old</source>
            <translation>{age} años</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Screening:</source>
            <translation>Tamizaje:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Choose a screening…</source>
            <translation>Elija un tamizaje…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Suited to age {age}</source>
            <translation>Adecuados para {age} años</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Other instruments</source>
            <translation>Otros instrumentos</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Choose a screening above to begin.</source>
            <translation>Elija un tamizaje arriba para empezar.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Question {n} of {total}</source>
            <translation>Pregunta {n} de {total}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Question {n} of up to {total}</source>
            <translation>Pregunta {n} de hasta {total}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>◀  Back</source>
            <translation>◀  Atrás</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Next  ▶</source>
            <translation>Siguiente  ▶</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Keys: 1–{n} choose · Enter next question · Backspace or Shift+Tab back</source>
            <translation>Teclas: 1–{n} eligen · Enter: siguiente pregunta · Backspace o Shift+Tab: atrás</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Type a number · Enter next question · Shift+Tab back</source>
            <translation>Escriba un número · Enter: siguiente pregunta · Shift+Tab: atrás</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{unit} ({minimum} to {maximum})</source>
            <translation>{unit} (de {minimum} a {maximum})</translation>
        </message>
        <message>
            <location line="+1" />
            <source>All questions asked. Check the answers, then save (Ctrl+Enter).</source>
            <translation>Ya se hicieron todas las preguntas. Revise las respuestas y guarde (Ctrl+Enter).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Score</source>
            <translation>Puntuación</translation>
        </message>
        <message>
            <location line="+1" />
            <source>incomplete ({answered} of {total} answered)</source>
            <translation>incompleta ({answered} de {total} respondidas)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save screening</source>
            <translation>Guardar tamizaje</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Saving…</source>
            <translation>Guardando…</translation>
        </message>
    </context>
    <context>
        <name>ScreeningsTab</name>
        <message>
            <location filename="../../clinic_desktop/ui/tabs/screenings.py" line="-198" />
            <source>When</source>
            <translation>Fecha</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Score</source>
            <translation>Puntuación</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Band</source>
            <translation>Nivel</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Flags</source>
            <translation>Alertas de riesgo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Notes</source>
            <translation>Notas</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No screenings recorded for this student yet.</source>
            <translation>Este estudiante todavía no tiene tamizajes registrados.</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Screenings by instrument, newest first.</source>
            <translation>Tamizajes por instrumento, los más recientes primero.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>New screening…</source>
            <translation>Nuevo tamizaje…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>New screening</source>
            <translation>Nuevo tamizaje</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Administer a screening to this student (Ctrl+Shift+S)</source>
            <translation>Aplicar un tamizaje a este estudiante (Ctrl+Shift+S)</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Screening history</source>
            <translation>Historial de tamizajes</translation>
        </message>
        <message>
            <location line="+159" />
            <source>In progress</source>
            <translation>En curso</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Stopped</source>
            <translation>Detenido</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Written answers withheld (behavioral health)</source>
            <translation>Respuestas escritas reservadas (salud conductual)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Stopped: {reason}</source>
            <translation>Detenido: {reason}</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Question {n}: {text}</source>
            <translation>Pregunta {n}: {text}</translation>
        </message>
        <message>
            <location line="+16" />
            <source>not visible to your role</source>
            <translation>no visible para su función</translation>
        </message>
        <message>
            <location line="+5" />
            <source>incomplete</source>
            <translation>incompleto</translation>
        </message>
        <message>
            <location line="+3" />
            <source>no score</source>
            <translation>sin puntuación</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Closed</source>
            <translation>Cerrada</translation>
        </message>
        <message>
            <location line="+2" />
            <location line="+2" />
            <source>Open: {flag}</source>
            <translation>Abierta: {flag}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{count} actions</source>
            <translation>{count} acciones</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{count} action</source>
            <translation>{count} acción</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Action taken: {action} ({flag})</source>
            <translation>Acción tomada: {action} ({flag})</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Closed: {flag}</source>
            <translation>Cerrada: {flag}</translation>
        </message>
        <message>
            <location line="+14" />
            <source>closing note not visible to your role</source>
            <translation>nota de cierre no visible para su función</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Closed {when} by {who}: {note}</source>
            <translation>Cerrada el {when} por {who}: {note}</translation>
        </message>
    </context>
    <context>
        <name>SectionCard</name>
        <message>
            <location filename="../../clinic_desktop/ui/today_view.py" line="+160" />
            <source>Show all</source>
            <extracomment>"Show all" was clicked: the card holds a first page of a longer list. Opens an unsigned note (the "unsigned" card's rows).</extracomment>
            <translation>Mostrar todos</translation>
        </message>
        <message>
            <location line="+55" />
            <source>· {shown} of {total}</source>
            <translation>· {shown} de {total}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Show all {total}</source>
            <translation>Mostrar los {total}</translation>
        </message>
        <message>
            <location line="+6" />
            <source>{title}: {count}</source>
            <translation>{title}: {count}</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/settings_dialog.py" line="+83" />
            <source>Settings — Clinic Desktop</source>
            <extracomment>Height of the logo preview, in lines of text (about the header's printed height). The age first offered when an administrator allows minors to consent (several states, California among them, let minors of 12 consent to outpatient mental health care).</extracomment>
            <translation>Configuración — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Site settings</source>
            <translation>Configuración del centro</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Save settings</source>
            <translation>Guardar la configuración</translation>
        </message>
        <message>
            <location line="+43" />
            <source>Clinic on printed forms</source>
            <translation>El centro en los formularios impresos</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Street, city, state, ZIP</source>
            <translation>Calle, ciudad, estado, código postal</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Address</source>
            <translation>Dirección</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Phone</source>
            <translation>Teléfono</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Logo</source>
            <translation>Logotipo</translation>
        </message>
        <message>
            <location line="+3" />
            <source>PNG or JPEG, at most {size} MB; printed at the left of the header.</source>
            <translation>PNG o JPEG, de {size} MB como máximo; se imprime a la izquierda del encabezado.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Logo preview</source>
            <translation>Vista previa del logotipo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Choose…</source>
            <translation>Elegir…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Choose a logo</source>
            <translation>Elegir un logotipo</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Remove</source>
            <translation>Quitar</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Remove the logo</source>
            <translation>Quitar el logotipo</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Screen lock and backups</source>
            <translation>Bloqueo de pantalla y copias de seguridad</translation>
        </message>
        <message>
            <location line="+1" />
            <source> minutes</source>
            <translation> minutos</translation>
        </message>
        <message>
            <location line="+0" />
            <source> minute</source>
            <translation> minuto</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Lock after</source>
            <translation>Bloquear tras</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Without keyboard or mouse input, every window is hidden.</source>
            <translation>Sin uso del teclado ni del ratón, se ocultan todas las ventanas.</translation>
        </message>
        <message>
            <location line="+41" />
            <source> days</source>
            <translation> días</translation>
        </message>
        <message>
            <location line="-36" />
            <source>Backup reminder</source>
            <translation>Recordatorio de copia</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The status bar warns when the newest backup is older than this.</source>
            <translation>La barra de estado avisa cuando la copia de seguridad más reciente es más antigua que esto.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Referral follow-ups</source>
            <translation>Seguimiento de derivaciones</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Emergent</source>
            <translation>Emergente</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Urgent</source>
            <translation>Urgente</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Routine</source>
            <translation>De rutina</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Minors consenting for themselves</source>
            <translation>Menores que dan su propio consentimiento</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Minors may consent for themselves</source>
            <translation>Los menores pueden dar su propio consentimiento</translation>
        </message>
        <message>
            <location line="+23" />
            <source> years</source>
            <translation> años</translation>
        </message>
        <message>
            <location line="-18" />
            <source>From age</source>
            <translation>A partir de</translation>
        </message>
        <message>
            <location line="+4" />
            <source>For</source>
            <translation>Para</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Follow your state's minor-consent law.</source>
            <translation>Siga la ley de su estado sobre el consentimiento de menores.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Age of majority</source>
            <translation>Mayoría de edad</translation>
        </message>
        <message>
            <location line="+5" />
            <source> day</source>
            <translation> día</translation>
        </message>
        <message>
            <location line="+3" />
            <source> year</source>
            <translation> año</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Health services</source>
            <translation>Servicios de salud</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Release of information</source>
            <translation>Divulgación de información</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Telehealth</source>
            <translation>Telesalud</translation>
        </message>
        <message>
            <location line="+79" />
            <source>Choose the logo for forms</source>
            <translation>Elija el logotipo para los formularios</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Images (*.png *.jpg *.jpeg)</source>
            <translation>Imágenes (*.png *.jpg *.jpeg)</translation>
        </message>
        <message>
            <location line="+22" />
            <source>A logo is chosen.</source>
            <translation>Hay un logotipo elegido.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No logo: forms print the clinic's name alone.</source>
            <translation>Sin logotipo: los formularios imprimen solo el nombre del centro.</translation>
        </message>
        <message>
            <location line="+49" />
            <source>Se&amp;ttings…</source>
            <translation>C&amp;onfiguración…</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Idle lock, follow-ups, minor consent, backups, forms' header</source>
            <translation>Bloqueo por inactividad, seguimientos, consentimiento de menores, copias de seguridad, encabezado de los formularios</translation>
        </message>
        <message>
            <location line="+25" />
            <source>The file could not be read.</source>
            <translation>No se pudo leer el archivo.</translation>
        </message>
    </context>
    <context>
        <name>SetupDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/setup_dialog.py" line="+36" />
            <source>Site code</source>
            <extracomment>Form fields, in order: (service field name, label, placeholder); the texts are marked for translation here and translated when the form is built.</extracomment>
            <translation>Código del sitio</translation>
        </message>
        <message>
            <location line="+1" />
            <source>e.g. LHS</source>
            <translation>p. ej., LHS</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Site name</source>
            <translation>Nombre del sitio</translation>
        </message>
        <message>
            <location line="+1" />
            <source>e.g. Lincoln High School Health Center</source>
            <translation>p. ej., Centro de Salud de Lincoln High School</translation>
        </message>
        <message>
            <location line="+4" />
            <source>User name</source>
            <translation>Nombre de usuario</translation>
        </message>
        <message>
            <location line="+1" />
            <source>e.g. admin</source>
            <translation>p. ej., admin</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Display name</source>
            <translation>Nombre para mostrar</translation>
        </message>
        <message>
            <location line="+1" />
            <source>e.g. Pat Okafor</source>
            <translation>p. ej., Pat Okafor</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Password</source>
            <translation>Contraseña</translation>
        </message>
        <message>
            <location line="+1" />
            <source>At least {count} characters</source>
            <translation>Al menos {count} caracteres</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Confirm password</source>
            <translation>Confirmar contraseña</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Type the password again</source>
            <translation>Escriba la contraseña otra vez</translation>
        </message>
        <message>
            <location line="+32" />
            <source>Set up this clinic — Clinic Desktop</source>
            <extracomment>The user picked another language: the launcher shows the setup again in it.</extracomment>
            <translation>Configurar esta clínica — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Set up this clinic</source>
            <translation>Configurar esta clínica</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No clinic has been set up on this computer yet. This creates the encrypted clinic database in {folder} and its first administrator account.</source>
            <translation>Todavía no se ha configurado ninguna clínica en esta computadora. Esto crea la base de datos cifrada de la clínica en {folder} y su primera cuenta de administrador.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Clinic</source>
            <translation>Clínica</translation>
        </message>
        <message>
            <location line="+1" />
            <source>First administrator</source>
            <translation>Primer administrador</translation>
        </message>
        <message>
            <location line="+18" />
            <source>{label}:</source>
            <translation>{label}:</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Create clinic</source>
            <translation>Crear clínica</translation>
        </message>
        <message>
            <location line="+24" />
            <source>does not match the password</source>
            <translation>no coincide con la contraseña</translation>
        </message>
        <message>
            <location line="+35" />
            <source>Creating the encrypted clinic database…</source>
            <translation>Creando la base de datos cifrada de la clínica…</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/signin_dialog.py" line="+37" />
            <source>Every student in the demo clinic is made up. Click an account to fill in the form; each role sees what it would see in a real clinic.</source>
            <translation>Todos los estudiantes de la clínica de demostración son ficticios. Haga clic en una cuenta para llenar el formulario; cada rol ve lo que vería en una clínica real.</translation>
        </message>
        <message>
            <location line="+35" />
            <source>Sign in — {site}</source>
            <extracomment>The product's name is not translated. Open while a user whose password was reset chooses a new one. The user picked another language: the launcher shows this sign-in again in it.</extracomment>
            <translation>Iniciar sesión — {site}</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Your user name</source>
            <translation>Su nombre de usuario</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Password</source>
            <translation>Contraseña</translation>
        </message>
        <message>
            <location line="+7" />
            <source>&amp;User name:</source>
            <translation>Nombre de &amp;usuario:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Password:</source>
            <translation>Con&amp;traseña:</translation>
        </message>
        <message>
            <location line="+15" />
            <location line="+19" />
            <source>Sign in</source>
            <translation>Iniciar sesión</translation>
        </message>
        <message>
            <location line="-16" />
            <source>Sign in to Clinic Desktop</source>
            <translation>Iniciar sesión en Clinic Desktop</translation>
        </message>
        <message>
            <location line="+30" />
            <source>Demo accounts</source>
            <translation>Cuentas de demostración</translation>
        </message>
        <message>
            <location line="+23" />
            <source>User name {username}, password {password}</source>
            <translation>Usuario {username}, contraseña {password}</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Enter your user name and password.</source>
            <translation>Escriba su nombre de usuario y contraseña.</translation>
        </message>
        <message>
            <location line="+39" />
            <source>Choose a new password to sign in.</source>
            <translation>Elija una contraseña nueva para iniciar sesión.</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Signing in…</source>
            <translation>Iniciando sesión…</translation>
        </message>
    </context>
    <context>
        <name>StatusChip</name>
        <message>
            <location filename="../../clinic_desktop/ui/widgets/chips.py" line="+41" />
            <source>Valid</source>
            <extracomment>A consent chip code (``ConsentChip`` or "missing") -&gt; (word shown, tone).</extracomment>
            <translation>Vigente</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Expiring within 30 days</source>
            <translation>Vence en menos de 30 días</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Expired</source>
            <translation>Vencido</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Revoked</source>
            <translation>Revocado</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Missing</source>
            <translation>Falta</translation>
        </message>
        <message>
            <location line="+30" />
            <source>Status</source>
            <extracomment>A referral status code -&gt; tone (the word is the status's own label).</extracomment>
            <translation>Estado</translation>
        </message>
        <message>
            <location line="+10" />
            <source>{subject}: {status}</source>
            <translation>{subject}: {status}</translation>
        </message>
    </context>
    <context>
        <name>StudentDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/student_dialog.py" line="+59" />
            <location line="+135" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location line="-134" />
            <source>Relation</source>
            <translation>Parentesco</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Phone</source>
            <translation>Teléfono</translation>
        </message>
        <message>
            <location line="+1" />
            <source>May consent</source>
            <translation>Puede dar consentimiento</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Pre-K</source>
            <extracomment>Widths of the columns after the name, in average characters.</extracomment>
            <translation>Pre-K (prekínder)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Transitional K</source>
            <translation>Kínder de transición (TK)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Kindergarten</source>
            <translation>Kínder</translation>
        </message>
        <message>
            <location line="+1" />
            <source>13 (transition)</source>
            <translation>13 (transición)</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Mother</source>
            <extracomment>How each relation code reads on screen, in the order of ``GUARDIAN_RELATIONS`` (zipped strictly: a relation added to the domain without a label here fails at import).</extracomment>
            <translation>Madre</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Father</source>
            <translation>Padre</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Parent</source>
            <translation>Padre o madre</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Grandparent</source>
            <translation>Abuelo(a)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Aunt/uncle</source>
            <translation>Tío(a)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Sibling</source>
            <translation>Hermano(a)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Foster parent</source>
            <translation>Padre o madre de crianza</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Legal guardian</source>
            <translation>Tutor legal</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Caseworker</source>
            <translation>Trabajador(a) social</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Other</source>
            <translation>Otro</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Female</source>
            <extracomment>How each sex code reads on screen, in the order of ``SEX_CODES`` (strict, as above).</extracomment>
            <translation>Femenino</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Male</source>
            <translation>Masculino</translation>
        </message>
        <message>
            <location line="+1" />
            <source>X (non-binary)</source>
            <translation>X (no binario)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Unknown</source>
            <translation>Desconocido</translation>
        </message>
        <message>
            <location line="+29" />
            <source>New student — Clinic Desktop</source>
            <extracomment>The age the date-of-birth calendar opens at, so picking a date takes few clicks.</extracomment>
            <translation>Nuevo estudiante — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Edit student — Clinic Desktop</source>
            <translation>Editar estudiante — Clinic Desktop</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Loading…</source>
            <translation>Cargando…</translation>
        </message>
        <message>
            <location line="+28" />
            <source>New student</source>
            <translation>Nuevo estudiante</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Edit student</source>
            <translation>Editar estudiante</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Fields marked * are required; everything else can be added later.</source>
            <translation>Los campos marcados con * son obligatorios; lo demás se puede agregar después.</translation>
        </message>
        <message>
            <location line="+25" />
            <source>As on school records</source>
            <translation>Como en los registros escolares</translation>
        </message>
        <message>
            <location line="+1" />
            <source>First name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Last name</source>
            <translation>Apellido</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+30" />
            <location line="+15" />
            <source>Optional</source>
            <translation>Opcional</translation>
        </message>
        <message>
            <location line="-44" />
            <source>Preferred name</source>
            <translation>Nombre preferido</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Birth and identity</source>
            <translation>Nacimiento e identidad</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Date of birth</source>
            <translation>Fecha de nacimiento</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Sex</source>
            <translation>Sexo</translation>
        </message>
        <message>
            <location line="+0" />
            <source>As recorded by the district</source>
            <translation>Como lo registra el distrito</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Optional, in the student's words</source>
            <translation>Opcional, en sus propias palabras</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Gender identity</source>
            <translation>Identidad de género</translation>
        </message>
        <message>
            <location line="+4" />
            <source>School</source>
            <translation>Escuela</translation>
        </message>
        <message>
            <location line="+1" />
            <source>e.g. LHS</source>
            <translation>p. ej., LHS</translation>
        </message>
        <message>
            <location line="+1" />
            <source>School code</source>
            <translation>Código de la escuela</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Not recorded</source>
            <translation>No registrado</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Grade</source>
            <translation>Grado</translation>
        </message>
        <message>
            <location line="+1" />
            <source>From the district's records</source>
            <translation>De los registros del distrito</translation>
        </message>
        <message>
            <location line="+1" />
            <source>District ID</source>
            <translation>ID del distrito</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Local ID</source>
            <translation>ID local</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Home and coverage</source>
            <translation>Hogar y cobertura</translation>
        </message>
        <message>
            <location line="+1" />
            <source>e.g. 94601</source>
            <translation>p. ej., 94601</translation>
        </message>
        <message>
            <location line="+2" />
            <source>ZIP code</source>
            <translation>Código postal</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Language</source>
            <translation>Idioma</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+2" />
            <source>In foster care</source>
            <translation>En cuidado de crianza (foster care)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Insurance / Medicaid ID</source>
            <translation>ID de seguro / Medicaid</translation>
        </message>
        <message>
            <location line="+4" />
            <location line="+27" />
            <source>Parents and guardians</source>
            <translation>Padres y tutores legales</translation>
        </message>
        <message>
            <location line="-19" />
            <source>“May consent” marks who has legal authority to consent to services for this student. Changes here are saved with the student.</source>
            <translation>«Puede dar consentimiento» indica quién tiene la autoridad legal para autorizar servicios para este estudiante. Los cambios aquí se guardan con el estudiante.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Guardians: problem</source>
            <translation>Tutores legales: problema</translation>
        </message>
        <message>
            <location line="+33" />
            <source>&amp;Add…</source>
            <translation>&amp;Agregar…</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Add a parent or guardian</source>
            <translation>Agregar un padre, madre o tutor legal</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Edit…</source>
            <translation>&amp;Editar…</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Edit the selected guardian</source>
            <translation>Editar el tutor legal seleccionado</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Re&amp;move</source>
            <translation>&amp;Quitar</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Remove the selected guardian</source>
            <translation>Quitar el tutor legal seleccionado</translation>
        </message>
        <message>
            <location line="+16" />
            <source>&amp;Save student</source>
            <translation>&amp;Guardar estudiante</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Save the student (Ctrl+Enter)</source>
            <translation>Guardar el estudiante (Ctrl+Enter)</translation>
        </message>
        <message>
            <location line="+175" />
            <source>is not a date; use {format}</source>
            <translation>no es una fecha; use {format}</translation>
        </message>
        <message>
            <location line="+27" />
            <source>Discard changes?</source>
            <translation>¿Descartar los cambios?</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The changes to this student and their guardians have not been saved.</source>
            <translation>Los cambios a este estudiante y a sus tutores legales no se han guardado.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Discard changes</source>
            <translation>Descartar cambios</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Grade {grade}</source>
            <translation>Grado {grade}</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Yes</source>
            <translation>Sí</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No</source>
            <translation>No</translation>
        </message>
        <message>
            <location line="+8" />
            <source>a guardian's {field} {reason}</source>
            <translation>{field} de un tutor legal: {reason}</translation>
        </message>
    </context>
    <context>
        <name>StudentTab</name>
        <message>
            <location filename="../../clinic_desktop/ui/tabs/consents.py" line="-217" />
            <source>Loading consents…</source>
            <extracomment>The printed form for each kind of consent (the forms package's names). ``(form kind, ids)``: a form to print (see the module docstring).</extracomment>
            <translation>Cargando consentimientos…</translation>
        </message>
        <message>
            <location filename="../../clinic_desktop/ui/tabs/referrals.py" line="-48" />
            <source>Loading referrals…</source>
            <extracomment>``(form kind, ids)``: the action dialog asked for a form to print.</extracomment>
            <translation>Cargando derivaciones…</translation>
        </message>
        <message>
            <location filename="../../clinic_desktop/ui/tabs/screenings.py" line="-298" />
            <source>Loading screenings…</source>
            <translation>Cargando tamizajes…</translation>
        </message>
        <message>
            <location filename="../../clinic_desktop/ui/tabs/student_tab.py" line="+36" />
            <source>Loading…</source>
            <extracomment>The tab saved something for the student (the main window says "Saved."; what is shown reloads on the change notice). Marked for translation in the "StudentTab" context (subclasses too), translated when shown.</extracomment>
            <translation>Cargando…</translation>
        </message>
    </context>
    <context>
        <name>SyncPanel</name>
        <message>
            <location filename="../../clinic_desktop/ui/sync_panel.py" line="+51" />
            <source>Export sends the district what changed since the last batch as one de-identified, signed and encrypted file: no names, ids, addresses or notes ever leave the clinic, and only the district's key can open it. Save it to a USB stick or a shared folder.</source>
            <translation>La exportación envía al distrito lo que cambió desde el último lote en un solo archivo desidentificado, firmado y cifrado: ningún nombre, ID, dirección ni nota sale de la clínica, y solo la clave del distrito puede abrirlo. Guárdelo en una memoria USB o en una carpeta compartida.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Batch</source>
            <translation>Lote</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Exported</source>
            <translation>Exportado</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Records</source>
            <translation>Registros</translation>
        </message>
        <message>
            <location line="+1" />
            <source>File</source>
            <translation>Archivo</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Provisioning file (provisioning.json *.json)</source>
            <translation>Archivo de aprovisionamiento (provisioning.json *.json)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Site key (*.pub)</source>
            <translation>Clave del sitio (*.pub)</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Sync</source>
            <extracomment>The status and batches arrived (argument: ``SyncOverview``). An export finished (argument: ``ExportResult``). A sentence for the status bar.</extracomment>
            <translation>Sincronizar</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Sync with the district</source>
            <translation>Sincronizar con el distrito</translation>
        </message>
        <message>
            <location line="+7" />
            <location line="+49" />
            <source>Recent batches</source>
            <translation>Lotes recientes</translation>
        </message>
        <message>
            <location line="-41" />
            <source>Sends to</source>
            <translation>Envía a</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Site key id</source>
            <translation>ID de la clave del sitio</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+155" />
            <source>Export profile</source>
            <translation>Perfil de exportación</translation>
        </message>
        <message>
            <location line="-154" />
            <source>Last batch</source>
            <translation>Último lote</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Changes waiting</source>
            <translation>Cambios pendientes</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Provision from file…</source>
            <translation>Aprovisionar desde archivo…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Save site key…</source>
            <translation>Guardar clave del sitio…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export batch…</source>
            <translation>Exportar lote…</translation>
        </message>
        <message>
            <location line="+166" />
            <source>Export profile accepted.</source>
            <translation>Perfil de exportación aceptado.</translation>
        </message>
        <message>
            <location line="-147" />
            <source>Export progress</source>
            <translation>Progreso de la exportación</translation>
        </message>
        <message>
            <location line="+33" />
            <source>Not provisioned</source>
            <translation>Sin aprovisionar</translation>
        </message>
        <message>
            <location line="+7" />
            <source>No. {sequence}, {when}</source>
            <translation>N.º {sequence}, {when}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>None yet</source>
            <translation>Ninguno todavía</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Limited data set under agreement {id}, expires {expires}: {state}</source>
            <translation>Conjunto de datos limitado según el acuerdo {id}, vence el {expires}: {state}</translation>
        </message>
        <message>
            <location line="-10" />
            <source>accepted by {who}</source>
            <translation>aceptado por {who}</translation>
        </message>
        <message>
            <location line="-72" />
            <source>Review profile…</source>
            <translation>Revisar perfil…</translation>
        </message>
        <message>
            <location line="+74" />
            <source>not accepted yet (an administrator must review it)</source>
            <translation>aún no aceptado (un administrador debe revisarlo)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Safe Harbor (years only, no agreement needed): {state}</source>
            <translation>Safe Harbor (solo años, sin acuerdo): {state}</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Provision this clinic first, with the district's file.</source>
            <translation>Primero aprovisione esta clínica con el archivo del distrito.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>An administrator must review and accept the export profile first.</source>
            <translation>Primero un administrador debe revisar y aceptar el perfil de exportación.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Provision from the district's file</source>
            <translation>Aprovisionar desde el archivo del distrito</translation>
        </message>
        <message>
            <location line="+11" />
            <source>This clinic now sends batches to {district}. Give the district the site key file and confirm the key id {key_id} with them by phone.</source>
            <translation>Esta clínica ahora envía lotes a {district}. Entregue al distrito el archivo de la clave del sitio y confirme por teléfono el ID de clave {key_id}.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Sync provisioned.</source>
            <translation>Sincronización aprovisionada.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>The district asks for Safe Harbor de-identified batches (45 CFR 164.514(b)(2)): names, contact details and identifiers are never sent; of every date only the year; ages over 89 as "90 or older"; ZIP codes cut to their first three digits (000 where fewer than 20,000 people live). No data use agreement is needed.

Accept this profile for this clinic?</source>
            <translation>El distrito pide lotes desidentificados según Safe Harbor (45 CFR 164.514(b)(2)): nunca se envían nombres, datos de contacto ni identificadores; de cada fecha, solo el año; las edades mayores de 89 como «90 o más»; los códigos postales reducidos a sus tres primeras cifras (000 donde viven menos de 20 000 personas). No se necesita un acuerdo de uso de datos.

¿Acepta este perfil para esta clínica?</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Accept profile</source>
            <translation>Aceptar perfil</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The district asks for a limited data set (months of dates) under this data use agreement:

Agreement: {id}
Recipient: {recipient}
Permitted uses: {uses}
Expires: {expires} (export stops after this day)

Accept it for this clinic?</source>
            <translation>El distrito solicita un conjunto de datos limitado (meses de las fechas) según este acuerdo de uso de datos:

Acuerdo: {id}
Destinatario: {recipient}
Usos permitidos: {uses}
Vence: {expires} (la exportación se detiene después de ese día)

¿Aceptarlo para esta clínica?</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Data use agreement</source>
            <translation>Acuerdo de uso de datos</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Accept agreement</source>
            <translation>Aceptar acuerdo</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Save the site key for the district</source>
            <translation>Guardar la clave del sitio para el distrito</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Site key saved to {path}.</source>
            <translation>Clave del sitio guardada en {path}.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Export the batch to which folder?</source>
            <translation>¿En qué carpeta exportar el lote?</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Exporting…</source>
            <translation>Exportando…</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Exporting… {count} records written</source>
            <translation>Exportando… {count} registros escritos</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Batch {sequence} written ({count} records): {path}</source>
            <translation>Lote {sequence} escrito ({count} registros): {path}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Batch {sequence} exported.</source>
            <translation>Lote {sequence} exportado.</translation>
        </message>
    </context>
    <context>
        <name>TimelineModel</name>
        <message>
            <location filename="../../clinic_desktop/ui/models/timeline_model.py" line="+39" />
            <source>Behavioral-health note — not visible to your role</source>
            <extracomment>The row's ``TimelineEntry``. Shown, in italics, instead of a behavioral-health note the role may not read.</extracomment>
            <translation>Nota de salud conductual — no visible para su función</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Visit</source>
            <translation>Visita</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Screening</source>
            <translation>Tamizaje</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Referral</source>
            <translation>Derivación</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Consent</source>
            <translation>Consentimiento</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+1" />
            <source>Risk flag</source>
            <translation>Alerta de riesgo</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Details not visible to your role</source>
            <translation>Detalles no visibles para su función</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Outcome: {outcome}</source>
            <translation>Resultado: {outcome}</translation>
        </message>
        <message>
            <location line="+12" />
            <location line="+53" />
            <source>{kind} visit: {reason}</source>
            <translation>Visita ({kind}): {reason}</translation>
        </message>
        <message>
            <location line="-45" />
            <source>Screening: {instrument}</source>
            <translation>Tamizaje: {instrument}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>In progress</source>
            <translation>En curso</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Stopped</source>
            <translation>Detenido</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Incomplete</source>
            <translation>Incompleto</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Score {score}</source>
            <translation>Puntuación {score}</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Referral to {partner}: {status}</source>
            <translation>Derivación a {partner}: {status}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Consent recorded: {kind}</source>
            <translation>Consentimiento registrado: {kind}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Signed {date}</source>
            <translation>Firmado el {date}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Signed {date}, revoked {revoked}</source>
            <translation>Firmado el {date}, revocado el {revoked}</translation>
        </message>
        <message>
            <location line="+15" />
            <source>{kind}: {restricted}</source>
            <translation>{kind}: {restricted}</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Risk flag action: {action}</source>
            <translation>Acción sobre alerta de riesgo: {action}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>recorded after signing</source>
            <translation>registrado después de firmar</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Risk flag closed: {flag}</source>
            <translation>Alerta de riesgo cerrada: {flag}</translation>
        </message>
    </context>
    <context>
        <name>TodayView</name>
        <message>
            <location filename="../../clinic_desktop/ui/today_view.py" line="-150" />
            <source>Open risk flags</source>
            <extracomment>The columns that share the spare width; the others fit their contents. Rows a Today card shows before its table scrolls.</extracomment>
            <translation>Alertas de riesgo abiertas</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Severity</source>
            <translation>Gravedad</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+11" />
            <location line="+13" />
            <location line="+13" />
            <location line="+12" />
            <source>Student</source>
            <translation>Estudiante</translation>
        </message>
        <message>
            <location line="-48" />
            <source>Flag</source>
            <translation>Alerta de riesgo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Required action</source>
            <translation>Acción requerida</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No open risk flags.</source>
            <translation>No hay alertas de riesgo abiertas.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Follow-ups due or overdue</source>
            <translation>Seguimientos pendientes o atrasados</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Referred to</source>
            <translation>Derivado a</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Due</source>
            <translation>Fecha límite</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No referral follow-ups are due.</source>
            <translation>No hay seguimientos de derivaciones pendientes.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>My unsigned notes</source>
            <translation>Mis notas sin firmar</translation>
        </message>
        <message>
            <location line="+2" />
            <source>When</source>
            <translation>Cuándo</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Disposition</source>
            <translation>Disposición</translation>
        </message>
        <message>
            <location line="+2" />
            <source>All your notes are signed.</source>
            <translation>Todas sus notas están firmadas.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Today's visits</source>
            <translation>Visitas de hoy</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Time</source>
            <translation>Hora</translation>
        </message>
        <message>
            <location line="-11" />
            <location line="+13" />
            <source>Type</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location line="-12" />
            <location line="+13" />
            <source>Reason</source>
            <translation>Motivo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>By</source>
            <translation>Por</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No visits recorded yet today.</source>
            <translation>Todavía no hay visitas registradas hoy.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Seen this week</source>
            <translation>Atendidos esta semana</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Date of birth</source>
            <translation>Fecha de nacimiento</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Grade</source>
            <translation>Grado</translation>
        </message>
        <message>
            <location line="+1" />
            <source>School</source>
            <translation>Escuela</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No students seen this week.</source>
            <translation>No se atendió a ningún estudiante esta semana.</translation>
        </message>
        <message>
            <location line="+166" />
            <location line="+6" />
            <source>Today</source>
            <extracomment>What Today lists: open flags, follow-ups, today's visits and who was seen (by name). A row was opened (argument: ``StudentSummary``). An unsigned note was opened (argument: ``UnsignedNote``). The overview arrived and is on screen (argument: ``TodayOverview``). Follow-ups loaded at first; "Show all" loads the rest (a large site has thousands).</extracomment>
            <translation>Hoy</translation>
        </message>
        <message>
            <location line="+73" />
            <source>Acute</source>
            <translation>Aguda</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Urgent</source>
            <translation>Urgente</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Routine</source>
            <translation>De rutina</translation>
        </message>
        <message>
            <location line="-69" />
            <location line="+2" />
            <source>Only follow-ups of referrals I made</source>
            <translation>Solo seguimientos de derivaciones que hice yo</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Updating…</source>
            <translation>Actualizando…</translation>
        </message>
    </context>
    <context>
        <name>UsersTab</name>
        <message>
            <location filename="../../clinic_desktop/ui/tabs/users.py" line="+34" />
            <location filename="../../clinic_desktop/ui/user_dialog.py" line="+28" />
            <source>User name</source>
            <extracomment>(field, label, placeholder); the texts are translated when the form is built.</extracomment>
            <translation>Nombre de usuario</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location line="+1" />
            <location filename="../../clinic_desktop/ui/user_dialog.py" line="+56" />
            <source>Role</source>
            <translation>Rol</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Each account opens the encrypted database with its own key. Disabling an account removes its key at once; re-enabling it means setting a new password.</source>
            <translation>Cada cuenta abre la base de datos cifrada con su propia clave. Al desactivar una cuenta, su clave se elimina de inmediato; para volver a activarla hay que establecer una contraseña nueva.</translation>
        </message>
        <message>
            <location line="+160" />
            <source>{name}'s account is disabled, and the database key was changed so that copies of the old key file no longer open it.</source>
            <translation>La cuenta de {name} está desactivada y se cambió la clave de la base de datos, de modo que las copias del archivo de claves anterior ya no la abren.</translation>
        </message>
        <message>
            <location filename="../../clinic_desktop/ui/user_dialog.py" line="-55" />
            <source>e.g. jlopez</source>
            <translation>p. ej., jlopez</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Display name</source>
            <translation>Nombre para mostrar</translation>
        </message>
        <message>
            <location line="+1" />
            <source>e.g. Julia López, RN</source>
            <translation>p. ej., Julia López, RN</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Password</source>
            <translation>Contraseña</translation>
        </message>
        <message>
            <location line="+1" />
            <source>At least {count} characters</source>
            <translation>Al menos {count} caracteres</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Confirm password</source>
            <translation>Confirmar contraseña</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Type the password again</source>
            <translation>Escriba la contraseña otra vez</translation>
        </message>
        <message>
            <location filename="../../clinic_desktop/ui/tabs/users.py" line="-131" />
            <location line="+35" />
            <source>Staff accounts</source>
            <extracomment>The account list arrived (argument: ``list[Account]``). A change succeeded (argument: a sentence for the status bar). The open "New account" dialog, if any.</extracomment>
            <translation>Cuentas del personal</translation>
        </message>
        <message>
            <location line="-25" />
            <source>Add user…</source>
            <translation>Agregar usuario…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Disable…</source>
            <translation>Desactivar…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Enable…</source>
            <translation>Activar…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Unlock</source>
            <translation>Desbloquear</translation>
        </message>
        <message>
            <location filename="../../clinic_desktop/ui/user_dialog.py" line="+20" />
            <location line="+9" />
            <source>New account</source>
            <translation>Cuenta nueva</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Create account</source>
            <translation>Crear cuenta</translation>
        </message>
        <message>
            <location filename="../../clinic_desktop/ui/tabs/users.py" line="+103" />
            <source>Disable account</source>
            <translation>Desactivar cuenta</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Disable {name}'s account? They will not be able to sign in until an administrator enables it again with a new password.</source>
            <translation>¿Desactivar la cuenta de {name}? No podrá iniciar sesión hasta que un administrador la active de nuevo con una contraseña nueva.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Disable</source>
            <translation>Desactivar</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Enable account</source>
            <translation>Activar cuenta</translation>
        </message>
        <message>
            <location line="+1" />
            <source>New password for {name} (at least {count} characters):</source>
            <translation>Contraseña nueva para {name} (al menos {count} caracteres):</translation>
        </message>
        <message>
            <location line="+14" />
            <source>{name}'s account is enabled.</source>
            <translation>La cuenta de {name} está activada.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>{name} can sign in again.</source>
            <translation>{name} puede iniciar sesión otra vez.</translation>
        </message>
        <message>
            <location filename="../../clinic_desktop/ui/user_dialog.py" line="+23" />
            <source>The passwords do not match.</source>
            <translation>Las contraseñas no coinciden.</translation>
        </message>
        <message>
            <location filename="../../clinic_desktop/ui/tabs/users.py" line="+27" />
            <source>Account created for {name}.</source>
            <translation>Cuenta creada para {name}.</translation>
        </message>
    </context>
    <context>
        <name>VisitDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/visit_dialog.py" line="+56" />
            <source>Kept as a draft while you type  ·  Ctrl+Enter saves</source>
            <extracomment>Autosave this long after the last edit: often enough to lose nothing, rarely enough not to write on every keystroke. Opening width: room for the four visit types on one line and a readable note.</extracomment>
            <translation>Se guarda como borrador mientras escribe  ·  Ctrl+Enter guarda</translation>
        </message>
        <message>
            <location line="+46" />
            <source>New visit — {name}</source>
            <translation>Nueva visita — {name}</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Visit — {name}</source>
            <extracomment>The user chose to open the sitting's visit instead (argument: its id): one sitting is one visit, so a new visit offers the user's own draft of today. An autosave of the draft reached the store. The saved draft being edited (None: a new visit, kept as a typed draft).</extracomment>
            <translation>Visita — {name}</translation>
        </message>
        <message>
            <location line="+24" />
            <location line="+274" />
            <source>Discard draft</source>
            <translation>Descartar borrador</translation>
        </message>
        <message>
            <location line="-271" />
            <source>Open that visit</source>
            <translation>Abrir esa visita</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Visit (draft, not signed yet)</source>
            <translation>Visita (borrador, aún sin firmar)</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Screenings in this visit: {names}</source>
            <translation>Tamizajes de esta visita: {names}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>&amp;Save draft</source>
            <translation>&amp;Guardar borrador</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Save the visit as a draft you can still change (Ctrl+Enter)</source>
            <translation>Guardar la visita como borrador que aún puede cambiar (Ctrl+Enter)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Si&amp;gn</source>
            <translation>&amp;Firmar</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Sign the visit</source>
            <translation>Firmar la visita</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Save and sign: a signed visit is locked, and later changes are addenda</source>
            <translation>Guardar y firmar: una visita firmada queda bloqueada y los cambios posteriores son adendas</translation>
        </message>
        <message>
            <location line="+24" />
            <source>You already have an unsigned visit with this student today ({time}). One sitting is one visit: open it to add to it.</source>
            <translation>Ya tiene una visita sin firmar con este estudiante hoy ({time}). Una sesión es una sola visita: ábrala para agregar a ella.</translation>
        </message>
        <message>
            <location line="+160" />
            <source>Open acute risk flag</source>
            <translation>Alerta de riesgo agudo abierta</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This student has an open acute risk flag. Say why the student may return to class (kept in the note):</source>
            <translation>Este estudiante tiene una alerta de riesgo agudo abierta. Indique por qué puede regresar a clase (se guarda en la nota):</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Keep draft</source>
            <translation>Conservar borrador</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Signing the visit…</source>
            <translation>Firmando la visita…</translation>
        </message>
        <message>
            <location line="-272" />
            <source>New visit</source>
            <translation>Nueva visita</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Born {date}</source>
            <translation>Nació el {date}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Grade {grade}</source>
            <translation>Grado {grade}</translation>
        </message>
        <message>
            <location line="+75" />
            <source>Restored your unsaved draft from {time}.</source>
            <translation>Se restauró su borrador sin guardar de las {time}.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Restored your unsaved draft.</source>
            <translation>Se restauró su borrador sin guardar.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Drafts are not available: {reason}</source>
            <translation>Los borradores no están disponibles: {reason}</translation>
        </message>
        <message>
            <location line="+32" />
            <source>Draft saved at {time}</source>
            <translation>Borrador guardado a las {time}</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The draft could not be saved: {reason}</source>
            <translation>No se pudo guardar el borrador: {reason}</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Draft discarded</source>
            <translation>Borrador descartado</translation>
        </message>
        <message>
            <location line="+99" />
            <source>Close without saving?</source>
            <translation>¿Cerrar sin guardar?</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This visit is not saved yet. It is kept as a draft and comes back the next time you open a visit for {name}, unless you discard it now.</source>
            <translation>Esta visita todavía no se ha guardado. Se conserva como borrador y volverá a aparecer la próxima vez que abra una visita para {name}, a menos que la descarte ahora.</translation>
        </message>
        <message>
            <location line="+33" />
            <source>Saving the visit…</source>
            <translation>Guardando la visita…</translation>
        </message>
    </context>
    <context>
        <name>VisitForm</name>
        <message>
            <location filename="../../clinic_desktop/ui/widgets/visit_form.py" line="+100" />
            <source>Visit</source>
            <extracomment>The user changed a field (its service name, e.g. "reason"); not emitted while the form is filled from code (defaults, a restored draft). The reason as loaded (shown text, stored key), kept unless the user retypes it.</extracomment>
            <translation>Visita</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Type</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+22" />
            <location line="+6" />
            <source>Date and time</source>
            <translation>Fecha y hora</translation>
        </message>
        <message>
            <location line="-26" />
            <source>Reason</source>
            <translation>Motivo</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Visit type</source>
            <translation>Tipo de visita</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Now</source>
            <translation>Ahora</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Set the date and time to now</source>
            <translation>Poner la fecha y hora actuales</translation>
        </message>
        <message>
            <location line="+11" />
            <location line="+7" />
            <source>Note</source>
            <translation>Nota</translation>
        </message>
        <message>
            <location line="+3" />
            <source>What happened, what you did, and the plan. Plain text.</source>
            <translation>Qué pasó, qué hizo usted y el plan. Texto sin formato.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Note: problem</source>
            <translation>Nota: problema</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Outcome</source>
            <translation>Resultado</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Choose what happened next</source>
            <translation>Elija qué pasó después</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Disposition</source>
            <translation>Disposición</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Not entered</source>
            <translation>Sin indicar</translation>
        </message>
        <message>
            <location line="+1" />
            <source> min</source>
            <translation> min</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Time spent</source>
            <translation>Tiempo dedicado</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Billing codes (optional)</source>
            <translation>Códigos de facturación (opcional)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>e.g. F41.1, R51.9</source>
            <translation>p. ej., F41.1, R51.9</translation>
        </message>
        <message>
            <location line="+0" />
            <source>ICD-10 codes</source>
            <translation>Códigos ICD-10</translation>
        </message>
        <message>
            <location line="+1" />
            <source>ICD-10</source>
            <translation>ICD-10</translation>
        </message>
        <message>
            <location line="+1" />
            <source>e.g. 99213</source>
            <translation>p. ej., 99213</translation>
        </message>
        <message>
            <location line="+0" />
            <source>CPT codes</source>
            <translation>Códigos CPT</translation>
        </message>
        <message>
            <location line="+1" />
            <source>CPT</source>
            <translation>CPT</translation>
        </message>
        <message>
            <location line="+203" />
            <source>Visit type: {type}</source>
            <translation>Tipo de visita: {type}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Your role does not record this type of visit</source>
            <translation>Su función no registra este tipo de visita</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Choose a common reason or type your own</source>
            <translation>Elija un motivo común o escriba el suyo</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Separate several codes with commas</source>
            <translation>Separe varios códigos con comas</translation>
        </message>
    </context>
    <context>
        <name>VisitRecordDialog</name>
        <message>
            <location filename="../../clinic_desktop/ui/visit_record_dialog.py" line="-268" />
            <source>Visit record — {name}</source>
            <extracomment>Opening width: a readable note beside nothing else.</extracomment>
            <translation>Registro de la visita — {name}</translation>
        </message>
        <message>
            <location line="+0" />
            <location line="+32" />
            <source>Visit record</source>
            <translation>Registro de la visita</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Add &amp;addendum…</source>
            <translation>Agregar &amp;adenda…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Add an addendum</source>
            <translation>Agregar una adenda</translation>
        </message>
        <message>
            <location line="+3" />
            <source>A signed visit never changes: corrections and late entries are addenda</source>
            <translation>Una visita firmada nunca cambia: las correcciones y los registros tardíos son adendas</translation>
        </message>
        <message>
            <location line="+20" />
            <source>{type} visit, {when}</source>
            <translation>Visita: {type}, {when}</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Signed by {name}, {when}</source>
            <translation>Firmada por {name}, {when}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Draft by {name}, not signed yet</source>
            <translation>Borrador de {name}, aún sin firmar</translation>
        </message>
        <message>
            <location line="+2" />
            <location line="+45" />
            <source>Late entry</source>
            <translation>Registro tardío</translation>
        </message>
        <message>
            <location line="-35" />
            <source>Type</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Date and time</source>
            <translation>Fecha y hora</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reason</source>
            <translation>Motivo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Disposition</source>
            <translation>Disposición</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Time spent</source>
            <translation>Tiempo dedicado</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{minutes} min</source>
            <translation>{minutes} min</translation>
        </message>
        <message>
            <location line="+2" />
            <source>ICD-10</source>
            <translation>CIE-10</translation>
        </message>
        <message>
            <location line="+1" />
            <source>CPT</source>
            <translation>CPT</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Recorded by</source>
            <translation>Registrada por</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Note</source>
            <translation>Nota</translation>
        </message>
        <message>
            <location line="+5" />
            <source>No note.</source>
            <translation>Sin nota.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Screenings in this visit</source>
            <translation>Tamizajes de esta visita</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Addenda</source>
            <translation>Adendas</translation>
        </message>
        <message>
            <location line="+0" />
            <source>No addenda.</source>
            <translation>Sin adendas.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Addendum by {name}, {when}</source>
            <translation>Adenda de {name}, {when}</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Late entry for {when}</source>
            <translation>Registro tardío de {when}</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Reason: {reason}</source>
            <translation>Motivo: {reason}</translation>
        </message>
        <message>
            <location line="+9" />
            <source>in progress</source>
            <translation>en curso</translation>
        </message>
        <message>
            <location line="+1" />
            <source>discarded</source>
            <translation>descartado</translation>
        </message>
        <message>
            <location line="+7" />
            <source>closed {when}</source>
            <translation>cerrada {when}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>open</source>
            <translation>abierta</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Closing note: {note}</source>
            <translation>Nota de cierre: {note}</translation>
        </message>
    </context>
    <context>
        <name>VisitsTab</name>
        <message>
            <location filename="../../clinic_desktop/ui/tabs/visits.py" line="+44" />
            <source>When</source>
            <translation>Fecha</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Type</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reason</source>
            <translation>Motivo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Outcome</source>
            <translation>Resultado</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Minutes</source>
            <translation>Minutos</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Recorded by</source>
            <translation>Registrado por</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No visits recorded for this student yet. Press Ctrl+N to record one.</source>
            <translation>Este estudiante todavía no tiene visitas registradas. Presione Ctrl+N para registrar una.</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Visits</source>
            <extracomment>A visit was opened (argument: ``VisitView``).</extracomment>
            <translation>Visitas</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Visit note</source>
            <translation>Nota de la visita</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Selected visit</source>
            <translation>Visita seleccionada</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Newest first. Open a visit to finish and sign it, or to add an addendum.</source>
            <translation>Las más recientes primero. Abra una visita para terminarla y firmarla, o para agregar una adenda.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Open…</source>
            <translation>&amp;Abrir…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Open the selected visit</source>
            <translation>Abrir la visita seleccionada</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Loading visits…</source>
            <translation>Cargando visitas…</translation>
        </message>
        <message>
            <location line="+40" />
            <source>{type} visit, {when}</source>
            <translation>Visita: {type}, {when}</translation>
        </message>
        <message>
            <location line="+8" />
            <source>{restricted}: details not visible to your role</source>
            <translation>{restricted}: detalles no visibles para su función</translation>
        </message>
        <message>
            <location line="+7" />
            <source>No note.</source>
            <translation>Sin nota.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>{count} addenda</source>
            <translation>{count} adendas</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Signed</source>
            <translation>Firmada</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Draft</source>
            <translation>Borrador</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{status}, late entry</source>
            <translation>{status}, registro tardío</translation>
        </message>
    </context>
    <context>
        <name>dialogs</name>
        <message>
            <location filename="../../clinic_desktop/ui/dialogs.py" line="+43" />
            <source>OK</source>
            <translation>Aceptar</translation>
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <location filename="../../clinic_desktop/ui/errors.py" line="+36" />
            <source>This is a problem in Clinic Desktop, not something you did. Work saved before this point is safe. Please copy the details and send them to your IT contact: they contain no student information.</source>
            <translation>Este es un problema de Clinic Desktop, no algo que usted hizo. El trabajo guardado antes de este momento está seguro. Copie los detalles y envíelos a su contacto de TI: no contienen información de los estudiantes.</translation>
        </message>
    </context>
    <context>
        <name>formats</name>
        <message>
            <location filename="../../clinic_desktop/ui/models/formats.py" line="+48" />
            <source>dddd, MMMM d, yyyy</source>
            <translation>dddd d 'de' MMMM 'de' yyyy</translation>
        </message>
        <message>
            <location line="+7" />
            <source>never</source>
            <translation>nunca</translation>
        </message>
        <message>
            <location line="+6" />
            <source>just now</source>
            <translation>hace un momento</translation>
        </message>
        <message>
            <location line="+5" />
            <source>due today</source>
            <translation>vence hoy</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{count} day overdue</source>
            <translation>{count} día de atraso</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{count} days overdue</source>
            <translation>{count} días de atraso</translation>
        </message>
        <message>
            <location line="+34" />
            <source>{count} day ago</source>
            <extracomment>(one, many, seconds) for ``age_of``; ``{count}`` is the number of units.</extracomment>
            <translation>hace {count} día</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{count} days ago</source>
            <translation>hace {count} días</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{count} hour ago</source>
            <translation>hace {count} hora</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{count} hours ago</source>
            <translation>hace {count} horas</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{count} minute ago</source>
            <translation>hace {count} minuto</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{count} minutes ago</source>
            <translation>hace {count} minutos</translation>
        </message>
    </context>
    <context>
        <name>i18n</name>
        <message>
            <location filename="../../clinic_desktop/ui/i18n.py" line="+73" />
            <source>Same as this computer ({language})</source>
            <extracomment>The languages the interface is written in (English is the source language). The context of the plain-Python layers' messages (see ``packaging/translations.py``). Number and date conventions per language: US ones (decimal point, month first), as the clinic's records are written, in both languages. How the interface writes a date and a time of day, per language: one spelling for every list, dialog, message and date field (``format_date``, ``format_date_time``): month first in English, as US school records write it; day first and the 24-hour clock in Spanish, as the printed Spanish forms write them. The date's pattern as a user types it (placeholders of date fields). How many translated messages to remember before starting over.</extracomment>
            <translation>Igual que esta computadora ({language})</translation>
        </message>
        <message>
            <location line="+178" />
            <source>{name} ({role})</source>
            <extracomment>``translate_message`` results for this language (tables repaint the same cells).</extracomment>
            <translation>{name} ({role})</translation>
        </message>
    </context>
    <context>
        <name>messages</name>
        <message>
            <source>The operation could not be completed.</source>
            <translation>No se pudo completar la operación.</translation>
        </message>
        <message>
            <source>No clinic has been set up in this data folder yet.</source>
            <translation>Todavía no se ha configurado ninguna clínica en esta carpeta de datos.</translation>
        </message>
        <message>
            <source>A clinic is already set up in this data folder.</source>
            <translation>Ya hay una clínica configurada en esta carpeta de datos.</translation>
        </message>
        <message>
            <source>The database key is wrong: this key does not open this clinic's database.</source>
            <translation>La clave de la base de datos es incorrecta: esta clave no abre la base de datos de esta clínica.</translation>
        </message>
        <message>
            <source>This file is not a clinic database (or belongs to another clinic).</source>
            <translation>Este archivo no es una base de datos de la clínica (o pertenece a otra clínica).</translation>
        </message>
        <message>
            <source>The clinic database is damaged and cannot be read safely. Nothing has been changed; restore the latest backup or call IT.</source>
            <translation>La base de datos de la clínica está dañada y no se puede leer de forma segura. No se cambió nada; restaure la copia de seguridad más reciente o llame a TI.</translation>
        </message>
        <message>
            <source>The key file beside the clinic database is missing, so nobody can sign in. Restore it from a backup, or use the recovery key with IT.</source>
            <translation>Falta el archivo de claves junto a la base de datos de la clínica, por lo que nadie puede iniciar sesión. Restáurelo desde una copia de seguridad o use la clave de recuperación con TI.</translation>
        </message>
        <message>
            <source>The key file beside the clinic database is damaged. Restore it from a backup.</source>
            <translation>El archivo de claves junto a la base de datos de la clínica está dañado. Restáurelo desde una copia de seguridad.</translation>
        </message>
        <message>
            <source>The clinic database is busy in another window or program. Try again.</source>
            <translation>La base de datos de la clínica está en uso en otra ventana o programa. Vuelva a intentarlo.</translation>
        </message>
        <message>
            <source>The disk is full. Nothing was saved; free some space and try again.</source>
            <translation>El disco está lleno. No se guardó nada; libere espacio y vuelva a intentarlo.</translation>
        </message>
        <message>
            <source>The computer could not read or write the clinic database (input/output error).</source>
            <translation>La computadora no pudo leer ni escribir la base de datos de la clínica (error de entrada/salida).</translation>
        </message>
        <message>
            <source>Wrong user name or password.</source>
            <translation>Nombre de usuario o contraseña incorrectos.</translation>
        </message>
        <message>
            <source>That recovery key does not open this clinic.</source>
            <translation>Esa clave de recuperación no abre esta clínica.</translation>
        </message>
        <message>
            <source>Too many failed attempts. Wait {wait_seconds} seconds and try again.</source>
            <translation>Demasiados intentos fallidos. Espere {wait_seconds} segundos y vuelva a intentarlo.</translation>
        </message>
        <message>
            <source>This account is locked after too many failed sign-ins. An administrator can unlock it.</source>
            <translation>Esta cuenta está bloqueada por demasiados intentos fallidos de inicio de sesión. Un administrador puede desbloquearla.</translation>
        </message>
        <message>
            <source>This account is disabled. Ask an administrator.</source>
            <translation>Esta cuenta está desactivada. Consulte a un administrador.</translation>
        </message>
        <message>
            <source>Your role does not allow this.</source>
            <translation>Su función no permite esto.</translation>
        </message>
        <message>
            <source>That record does not exist (it may have been removed).</source>
            <translation>Ese registro no existe (puede que se haya eliminado).</translation>
        </message>
        <message>
            <source>That conflicts with an existing record.</source>
            <translation>Eso entra en conflicto con un registro existente.</translation>
        </message>
        <message>
            <source>must be 2-32 characters: lower-case letters, digits, '.', '_' or '-'</source>
            <translation>debe tener de 2 a 32 caracteres: letras minúsculas, dígitos, '.', '_' o '-'</translation>
        </message>
        <message>
            <source>must be 2-16 letters, digits or '-'</source>
            <translation>debe tener de 2 a 16 letras, dígitos o '-'</translation>
        </message>
        <message>
            <source>consent to school-based health services</source>
            <translation>consentimiento para servicios de salud escolares</translation>
        </message>
        <message>
            <source>release of information</source>
            <translation>autorización para divulgar información</translation>
        </message>
        <message>
            <source>consent to telehealth</source>
            <translation>consentimiento para telesalud</translation>
        </message>
        <message>
            <source>Parent or guardian</source>
            <translation>Padre, madre o tutor legal</translation>
        </message>
        <message>
            <source>Student</source>
            <translation>Estudiante</translation>
        </message>
        <message>
            <source>name, date of birth and contact details</source>
            <translation>nombre, fecha de nacimiento y datos de contacto</translation>
        </message>
        <message>
            <source>appointment attendance and referral status</source>
            <translation>asistencia a citas y estado de la derivación</translation>
        </message>
        <message>
            <source>screening results</source>
            <translation>resultados de tamizajes</translation>
        </message>
        <message>
            <source>diagnoses</source>
            <translation>diagnósticos</translation>
        </message>
        <message>
            <source>treatment plan and progress</source>
            <translation>plan de tratamiento y progreso</translation>
        </message>
        <message>
            <source>medications</source>
            <translation>medicamentos</translation>
        </message>
        <message>
            <source>immunizations</source>
            <translation>vacunas</translation>
        </message>
        <message>
            <source>mental health assessments (not psychotherapy notes)</source>
            <translation>evaluaciones de salud mental (no notas de psicoterapia)</translation>
        </message>
        <message>
            <source>substance use assessment and treatment</source>
            <translation>evaluación y tratamiento del consumo de sustancias</translation>
        </message>
        <message>
            <source>HIV and sexually transmitted infection results</source>
            <translation>resultados de VIH e infecciones de transmisión sexual</translation>
        </message>
        <message>
            <source>education records</source>
            <translation>expedientes educativos</translation>
        </message>
        <message>
            <source>this partner</source>
            <translation>esta agencia asociada</translation>
        </message>
        <message>
            <source>This site's minor-consent rule does not let this student consent to health services on their own; print the parent or guardian version.</source>
            <translation>La regla de consentimiento de menores de este centro no permite que este estudiante dé su propio consentimiento para los servicios de salud; imprima la versión para el padre, la madre o el tutor legal.</translation>
        </message>
        <message>
            <source>This site's minor-consent rule does not let this student sign a release of information; print the parent or guardian version.</source>
            <translation>La regla de consentimiento de menores de este centro no permite que este estudiante firme una autorización para divulgar información; imprima la versión para el padre, la madre o el tutor legal.</translation>
        </message>
        <message>
            <source>The {label}</source>
            <translation>El documento de {label}</translation>
        </message>
        <message>
            <source>The {label} for {partner_name}</source>
            <translation>El documento de {label} para {partner_name}</translation>
        </message>
        <message>
            <source>{label} for {partner_name}</source>
            <translation>{label} para {partner_name}</translation>
        </message>
        <message>
            <source>There is no {subject} on file.</source>
            <translation>No hay {subject} registrado.</translation>
        </message>
        <message>
            <source>{subject} is dated {signed_on}, after {on}, so it does not apply yet.</source>
            <translation>{subject} tiene fecha {signed_on}, posterior al {on}, así que todavía no se aplica.</translation>
        </message>
        <message>
            <source>{subject} expired on {expires_on}.</source>
            <translation>{subject} venció el {expires_on}.</translation>
        </message>
        <message>
            <source>{subject} was revoked on {revoked_on}.</source>
            <translation>{subject} se revocó el {revoked_on}.</translation>
        </message>
        <message>
            <source>{subject} was signed by a guardian without legal authority to consent; a parent or legal guardian must sign a new one.</source>
            <translation>{subject} lo firmó un tutor sin autoridad legal para dar consentimiento; un padre, madre o tutor legal debe firmar uno nuevo.</translation>
        </message>
        <message>
            <source>{subject} was signed by the student, and this site's minor-consent rule does not let the student consent to this on their own; a parent or legal guardian must sign.</source>
            <translation>{subject} lo firmó el estudiante, y la regla de consentimiento de menores de este centro no le permite dar este consentimiento por sí solo; debe firmar un padre, madre o tutor legal.</translation>
        </message>
        <message>
            <source>The releases of information on file are for other partners, not for {partner_name}; a release naming it is needed.</source>
            <translation>Las autorizaciones para divulgar información registradas son para otras agencias asociadas, no para {partner_name}; se necesita una autorización que la nombre.</translation>
        </message>
        <message>
            <source>{subject} does not cover: {labels}.</source>
            <translation>{subject} no cubre: {labels}.</translation>
        </message>
        <message>
            <source>is required when a parent or guardian signs</source>
            <translation>es obligatorio cuando firma un padre, madre o tutor legal</translation>
        </message>
        <message>
            <source>must be empty when the student signs</source>
            <translation>debe quedar vacío cuando firma el estudiante</translation>
        </message>
        <message>
            <source>is required (YYYY-MM-DD)</source>
            <translation>es obligatorio (AAAA-MM-DD)</translation>
        </message>
        <message>
            <source>cannot be in the future</source>
            <translation>no puede ser una fecha futura</translation>
        </message>
        <message>
            <source>must be after the date it was signed</source>
            <translation>debe ser posterior a la fecha de firma</translation>
        </message>
        <message>
            <source>is required for a release of information</source>
            <translation>es obligatorio para una autorización para divulgar información</translation>
        </message>
        <message>
            <source>must name at least one kind</source>
            <translation>debe indicar al menos un tipo</translation>
        </message>
        <message>
            <source>contains a kind that is not allowed</source>
            <translation>contiene un tipo que no está permitido</translation>
        </message>
        <message>
            <source>or an expiry event is required for a release</source>
            <translation>o un evento de vencimiento es obligatorio para una autorización</translation>
        </message>
        <message>
            <source>applies only to a release of information</source>
            <translation>solo se aplica a una autorización para divulgar información</translation>
        </message>
        <message>
            <source>apply only to a release of information</source>
            <translation>solo se aplican a una autorización para divulgar información</translation>
        </message>
        <message>
            <source>is already recorded for this consent</source>
            <translation>ya está registrado para este consentimiento</translation>
        </message>
        <message>
            <source>cannot be before the date the consent was signed</source>
            <translation>no puede ser anterior a la fecha de firma del consentimiento</translation>
        </message>
        <message>
            <source>is missing: the file is empty (the first line must name the columns)</source>
            <translation>falta: el archivo está vacío (la primera línea debe nombrar las columnas)</translation>
        </message>
        <message>
            <source>is not valid CSV near line {line}</source>
            <translation>no es un CSV válido cerca de la línea {line}</translation>
        </message>
        <message>
            <source>is required</source>
            <translation>es obligatorio</translation>
        </message>
        <message>
            <source>is too long (at most {max_length} characters)</source>
            <translation>es demasiado largo (máximo {max_length} caracteres)</translation>
        </message>
        <message>
            <source>contains control characters</source>
            <translation>contiene caracteres de control</translation>
        </message>
        <message>
            <source>is not one of the allowed values</source>
            <translation>no es uno de los valores permitidos</translation>
        </message>
        <message>
            <source>Community mental health</source>
            <translation>Salud mental comunitaria</translation>
        </message>
        <message>
            <source>Health center (FQHC)</source>
            <translation>Centro de salud (FQHC)</translation>
        </message>
        <message>
            <source>Community-based organization</source>
            <translation>Organización comunitaria</translation>
        </message>
        <message>
            <source>Crisis service</source>
            <translation>Servicio de crisis</translation>
        </message>
        <message>
            <source>Hospital</source>
            <translation>Hospital</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Otro</translation>
        </message>
        <message>
            <source>has too many entries (at most {MAX_LIST_ITEMS})</source>
            <translation>tiene demasiadas entradas (máximo {MAX_LIST_ITEMS})</translation>
        </message>
        <message>
            <source>has an entry that {reason}</source>
            <translation>tiene una entrada que {reason}</translation>
        </message>
        <message>
            <source>must be between 0 and {MAX_AGE}</source>
            <translation>debe estar entre 0 y {MAX_AGE}</translation>
        </message>
        <message>
            <source>cannot be less than min_age</source>
            <translation>no puede ser menor que la edad mínima</translation>
        </message>
        <message>
            <source>is not a phone number</source>
            <translation>no es un número de teléfono</translation>
        </message>
        <message>
            <source>is not an email address</source>
            <translation>no es una dirección de correo electrónico</translation>
        </message>
        <message>
            <source>is not a whole number</source>
            <translation>no es un número entero</translation>
        </message>
        <message>
            <source>must be yes or no</source>
            <translation>debe ser sí o no</translation>
        </message>
        <message>
            <source>must be at least {MIN_LENGTH} characters (a few words make a good one)</source>
            <translation>debe tener al menos {MIN_LENGTH} caracteres (unas cuantas palabras forman una buena)</translation>
        </message>
        <message>
            <source>must be at most {MAX_LENGTH} characters</source>
            <translation>debe tener como máximo {MAX_LENGTH} caracteres</translation>
        </message>
        <message>
            <source>must not contain control characters such as line breaks or tabs</source>
            <translation>no debe contener caracteres de control como saltos de línea o tabulaciones</translation>
        </message>
        <message>
            <source>is one of the most common passwords; choose something less predictable</source>
            <translation>es una de las contraseñas más comunes; elija algo menos predecible</translation>
        </message>
        <message>
            <source>needs at least {MIN_LENGTH} characters besides the user name and the clinic's name</source>
            <translation>necesita al menos {MIN_LENGTH} caracteres además del nombre de usuario y el nombre de la clínica</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>Borrador</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Enviada</translation>
        </message>
        <message>
            <source>Waitlisted</source>
            <translation>En lista de espera</translation>
        </message>
        <message>
            <source>Scheduled</source>
            <translation>Programada</translation>
        </message>
        <message>
            <source>Attended</source>
            <translation>Asistió</translation>
        </message>
        <message>
            <source>No_show</source>
            <translation>No se presentó</translation>
        </message>
        <message>
            <source>Declined</source>
            <translation>Rechazada por la familia</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>Rechazada por la agencia</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Cancelada</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>Cerrada</translation>
        </message>
        <message>
            <source>No-show</source>
            <translation>No se presentó</translation>
        </message>
        <message>
            <source>Emergent</source>
            <translation>Emergente</translation>
        </message>
        <message>
            <source>Urgent</source>
            <translation>Urgente</translation>
        </message>
        <message>
            <source>Routine</source>
            <translation>De rutina</translation>
        </message>
        <message>
            <source>Linked to services</source>
            <translation>Vinculado a servicios</translation>
        </message>
        <message>
            <source>Unable to contact</source>
            <translation>No se pudo contactar</translation>
        </message>
        <message>
            <source>Not eligible</source>
            <translation>No elegible</translation>
        </message>
        <message>
            <source>Reschedule</source>
            <translation>Reprogramar</translation>
        </message>
        <message>
            <source>Schedule again</source>
            <translation>Programar de nuevo</translation>
        </message>
        <message>
            <source>Back to draft</source>
            <translation>Volver a borrador</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Enviar</translation>
        </message>
        <message>
            <source>Mark waitlisted</source>
            <translation>Marcar en lista de espera</translation>
        </message>
        <message>
            <source>Schedule</source>
            <translation>Programar</translation>
        </message>
        <message>
            <source>Mark attended</source>
            <translation>Marcar como asistió</translation>
        </message>
        <message>
            <source>Mark no-show</source>
            <translation>Marcar como no se presentó</translation>
        </message>
        <message>
            <source>Family declined</source>
            <translation>La familia la rechazó</translation>
        </message>
        <message>
            <source>Partner rejected</source>
            <translation>La agencia asociada la rechazó</translation>
        </message>
        <message>
            <source>Cancel referral</source>
            <translation>Cancelar derivación</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Cerrar</translation>
        </message>
        <message>
            <source>Safety assessment done</source>
            <translation>Evaluación de seguridad realizada</translation>
        </message>
        <message>
            <source>Guardian contacted</source>
            <translation>Se contactó al tutor legal</translation>
        </message>
        <message>
            <source>Crisis team involved</source>
            <translation>Intervino el equipo de crisis</translation>
        </message>
        <message>
            <source>Emergency services called</source>
            <translation>Se llamó a servicios de emergencia</translation>
        </message>
        <message>
            <source>Referral made</source>
            <translation>Se hizo una derivación</translation>
        </message>
        <message>
            <source>choose the action taken</source>
            <translation>elija la acción tomada</translation>
        </message>
        <message>
            <source>Clinician</source>
            <translation>Clínico</translation>
        </message>
        <message>
            <source>Nurse</source>
            <translation>Enfermero/a</translation>
        </message>
        <message>
            <source>IT</source>
            <translation>TI</translation>
        </message>
        <message>
            <source>Administrator</source>
            <translation>Administrador</translation>
        </message>
        <message>
            <source>Your role ({label}) does not allow this ({value}).</source>
            <translation>Su función ({label}) no permite esto ({value}).</translation>
        </message>
        <message>
            <source>is not a date in the form YYYY-MM-DD</source>
            <translation>no es una fecha con el formato AAAA-MM-DD</translation>
        </message>
        <message>
            <source>is not a known screening ({known})</source>
            <translation>no es un tamizaje conocido ({known})</translation>
        </message>
        <message>
            <source>is not an item of the {short_name}</source>
            <translation>no es una pregunta del {short_name}</translation>
        </message>
        <message>
            <source>must be left blank: it is not asked after these answers</source>
            <translation>debe quedar en blanco: no se pregunta después de estas respuestas</translation>
        </message>
        <message>
            <source>Screening: {short_name}</source>
            <translation>Tamizaje: {short_name}</translation>
        </message>
        <message>
            <source>{created} added, {updated} updated, {unchanged} unchanged, {rejected} rejected</source>
            <translation>{created} agregados, {updated} actualizados, {unchanged} sin cambios, {rejected} rechazados</translation>
        </message>
        <message>
            <source>{name} does not exist.</source>
            <translation>{name} no existe.</translation>
        </message>
        <message>
            <source>{name} was not encrypted to this district key.</source>
            <translation>{name} no se cifró para esta clave del distrito.</translation>
        </message>
        <message>
            <source>{name} is not an age-encrypted batch.</source>
            <translation>{name} no es un lote cifrado con age.</translation>
        </message>
        <message>
            <source>The trust folder {folder} does not exist or is not a folder.</source>
            <translation>La carpeta de confianza {folder} no existe o no es una carpeta.</translation>
        </message>
        <message>
            <source>{name} is damaged or was altered: its encryption does not verify.</source>
            <translation>{name} está dañado o fue alterado: su cifrado no se verifica.</translation>
        </message>
        <message>
            <source>The batch holds {name} twice.</source>
            <translation>El lote contiene {name} dos veces.</translation>
        </message>
        <message>
            <source>The batch has files after its manifest.</source>
            <translation>El lote tiene archivos después de su manifiesto.</translation>
        </message>
        <message>
            <source>The batch's {name} is too large.</source>
            <translation>El archivo {name} del lote es demasiado grande.</translation>
        </message>
        <message>
            <source>The batch holds an unexpected file ({name}).</source>
            <translation>El lote contiene un archivo inesperado ({name}).</translation>
        </message>
        <message>
            <source>{name} does not end with a newline.</source>
            <translation>{name} no termina con un salto de línea.</translation>
        </message>
        <message>
            <source>A record in the batch is too long.</source>
            <translation>Un registro del lote es demasiado largo.</translation>
        </message>
        <message>
            <source>{name} has no signed manifest.</source>
            <translation>{name} no tiene un manifiesto firmado.</translation>
        </message>
        <message>
            <source>The batch was signed for another district key.</source>
            <translation>El lote se firmó para otra clave del distrito.</translation>
        </message>
        <message>
            <source>{name} does not match its signed content ({expected}): a renamed or replayed batch.</source>
            <translation>{name} no coincide con su contenido firmado ({expected}): es un lote renombrado o repetido.</translation>
        </message>
        <message>
            <source>The batch's files differ from its manifest.</source>
            <translation>Los archivos del lote no coinciden con su manifiesto.</translation>
        </message>
        <message>
            <source>{name} does not match its checksum in the manifest.</source>
            <translation>{name} no coincide con su suma de verificación en el manifiesto.</translation>
        </message>
        <message>
            <source>No trusted key for site {site}: add its .pub file to the trust folder.</source>
            <translation>No hay una clave de confianza para el centro {site}: agregue su archivo .pub a la carpeta de confianza.</translation>
        </message>
        <message>
            <source>The batch's signature is malformed.</source>
            <translation>La firma del lote está mal formada.</translation>
        </message>
        <message>
            <source>The batch is not signed by site {site}'s trusted key (altered, or a wrong signer).</source>
            <translation>El lote no está firmado con la clave de confianza del centro {site} (fue alterado o lo firmó otra persona).</translation>
        </message>
        <message>
            <source>The batch's manifest is not valid JSON.</source>
            <translation>El manifiesto del lote no es un JSON válido.</translation>
        </message>
        <message>
            <source>The manifest is not a clinic batch manifest.</source>
            <translation>El manifiesto no es un manifiesto de lote de la clínica.</translation>
        </message>
        <message>
            <source>Batch schema version {found} is not supported (this program reads version {SCHEMA_VERSION}).</source>
            <translation>La versión {found} del esquema del lote no es compatible (este programa lee la versión {SCHEMA_VERSION}).</translation>
        </message>
        <message>
            <source>The manifest lacks required fields.</source>
            <translation>Al manifiesto le faltan campos obligatorios.</translation>
        </message>
        <message>
            <source>{name} line {line} is not JSON.</source>
            <translation>La línea {line} de {name} no es JSON.</translation>
        </message>
        <message>
            <source>{name} line {line} does not follow the batch schema.</source>
            <translation>La línea {line} de {name} no sigue el esquema del lote.</translation>
        </message>
        <message>
            <source>{name} changed while it was imported.</source>
            <translation>{name} cambió mientras se importaba.</translation>
        </message>
        <message>
            <source>missing column(s): {value}</source>
            <translation>falta(n) la(s) columna(s): {value}</translation>
        </message>
        <message>
            <source>column(s) appear more than once: {value}</source>
            <translation>columna(s) que aparecen más de una vez: {value}</translation>
        </message>
        <message>
            <source>has a field longer than {csv} characters on line {line} (often a quote mark that is never closed)</source>
            <translation>tiene un campo de más de {csv} caracteres en la línea {line} (a menudo unas comillas que nunca se cierran)</translation>
        </message>
        <message>
            <source>is not one of: {value}</source>
            <translation>no es uno de: {value}</translation>
        </message>
        <message>
            <source>is a duplicate, first seen on line {first_seen}</source>
            <translation>está duplicado; apareció primero en la línea {first_seen}</translation>
        </message>
        <message>
            <source>{name} at {where}: {message}</source>
            <translation>{name} en {where}: {message}</translation>
        </message>
        <message>
            <source>{name} declares id {data}</source>
            <translation>{name} declara el id {data}</translation>
        </message>
        <message>
            <source>item {d}: no option set {raw}</source>
            <translation>pregunta {d}: no existe el conjunto de opciones {raw}</translation>
        </message>
        <message>
            <source>must be between {low} and {high}</source>
            <translation>debe estar entre {low} y {high}</translation>
        </message>
        <message>
            <source>The folder cannot be written to: it is read-only, or this account may not write there. Nothing was changed; ask IT to make it writable.</source>
            <translation>No se puede escribir en la carpeta: es de solo lectura o esta cuenta no tiene permiso para escribir en ella. No se cambió nada; pida a TI que permita la escritura.</translation>
        </message>
        <message>
            <source>The folder {folder} cannot be written to: it is read-only, or this account may not write there. Nothing was changed; ask IT to make it writable.</source>
            <translation>No se puede escribir en la carpeta {folder}: es de solo lectura o esta cuenta no tiene permiso para escribir en ella. No se cambió nada; pida a TI que permita la escritura.</translation>
        </message>
        <message>
            <source>The database key could not be rotated. Run clinic-admin rekey.</source>
            <translation>No se pudo cambiar la clave de la base de datos. Ejecute clinic-admin rekey.</translation>
        </message>
        <message>
            <source>The batch could not be written to the chosen folder (the USB stick may be failing or was removed). Nothing was recorded: the next export makes this batch again.</source>
            <translation>No se pudo escribir el lote en la carpeta elegida (puede que la memoria USB esté fallando o se haya retirado). No se registró nada: la próxima exportación volverá a generar este lote.</translation>
        </message>
        <message>
            <source>The chosen folder's disk (the USB stick) is full: the batch was not written and nothing was recorded. Free some space or use another stick, then export again.</source>
            <translation>El disco de la carpeta elegida (la memoria USB) está lleno: el lote no se escribió y no se registró nada. Libere espacio o use otra memoria y vuelva a exportar.</translation>
        </message>
        <message>
            <source>The chosen folder cannot be written to (read-only, or you are not allowed): the batch was not written and nothing was recorded. Choose another folder or stick.</source>
            <translation>No se puede escribir en la carpeta elegida (es de solo lectura o usted no tiene permiso): el lote no se escribió y no se registró nada. Elija otra carpeta u otra memoria.</translation>
        </message>
        <message>
            <source>The batch did not read back correctly from the chosen folder (the USB stick may be full or failing). It was removed and nothing was recorded: export again, onto another stick if this repeats.</source>
            <translation>El lote no se pudo leer correctamente de la carpeta elegida (puede que la memoria USB esté llena o fallando). Se eliminó y no se registró nada: vuelva a exportar, en otra memoria si esto se repite.</translation>
        </message>
        <message>
            <source>Wrong password.</source>
            <translation>Contraseña incorrecta.</translation>
        </message>
        <message>
            <source>Your password was reset by someone else: choose a new password before anything else.</source>
            <translation>Otra persona restableció su contraseña: elija una contraseña nueva antes de cualquier otra cosa.</translation>
        </message>
        <message>
            <source>This student has an open acute risk flag. To mark the visit “Returned to class”, confirm why the student may go back to class.</source>
            <translation>Este estudiante tiene una alerta de riesgo agudo abierta. Para marcar la visita «Regresó a clase», confirme por qué puede regresar a clase.</translation>
        </message>
        <message>
            <source>In Excel use "Save As", file type "CSV UTF-8 (Comma delimited)".</source>
            <translation>En Excel use "Guardar como", tipo de archivo "CSV UTF-8 (delimitado por comas)".</translation>
        </message>
        <message>
            <source>{counts}, {warnings} to confirm</source>
            <translation>{counts}, {warnings} por confirmar</translation>
        </message>
        <message>
            <source>is too large (more than {limit} MB); split it into smaller files</source>
            <translation>es demasiado grande (más de {limit} MB); divídalo en archivos más pequeños</translation>
        </message>
        <message>
            <source>is saved as UTF-16 (Unicode text), not as CSV UTF-8. {hint}</source>
            <translation>está guardado como UTF-16 (texto Unicode), no como CSV UTF-8. {hint}</translation>
        </message>
        <message>
            <source>is not UTF-8 text (the first problem is on line {line}); save it as CSV UTF-8. {hint}</source>
            <translation>no es texto UTF-8 (el primer problema está en la línea {line}); guárdelo como CSV UTF-8. {hint}</translation>
        </message>
        <message>
            <source>has {fields} fields but the header has {header_width}</source>
            <translation>tiene {fields} campos, pero el encabezado tiene {header_width}</translation>
        </message>
        <message>
            <source>A referral that is {current} cannot change any more.</source>
            <translation>Una derivación en estado {current} ya no puede cambiar.</translation>
        </message>
        <message>
            <source>A referral that is {current} cannot change any more; make a new referral instead.</source>
            <translation>Una derivación en estado {current} ya no puede cambiar; haga una nueva derivación.</translation>
        </message>
        <message>
            <source>A referral that is {current} can be {options}, not {target}.</source>
            <translation>Una derivación en estado {current} puede pasar a {options}, pero no a {target}.</translation>
        </message>
        <message>
            <source>rescheduled</source>
            <translation>reprogramada</translation>
        </message>
        <message>
            <source>scheduled again</source>
            <translation>programada de nuevo</translation>
        </message>
        <message>
            <source>a draft</source>
            <translation>borrador</translation>
        </message>
        <message>
            <source>sent</source>
            <translation>enviada</translation>
        </message>
        <message>
            <source>waitlisted</source>
            <translation>en lista de espera</translation>
        </message>
        <message>
            <source>scheduled</source>
            <translation>programada</translation>
        </message>
        <message>
            <source>attended</source>
            <translation>atendida</translation>
        </message>
        <message>
            <source>a no-show</source>
            <translation>no se presentó</translation>
        </message>
        <message>
            <source>declined by the family</source>
            <translation>rechazada por la familia</translation>
        </message>
        <message>
            <source>rejected by the partner</source>
            <translation>rechazada por la agencia asociada</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>cancelada</translation>
        </message>
        <message>
            <source>closed</source>
            <translation>cerrada</translation>
        </message>
        <message>
            <source>made a draft again</source>
            <translation>borrador de nuevo</translation>
        </message>
        <message>
            <source>marked attended</source>
            <translation>atendida</translation>
        </message>
        <message>
            <source>marked as a no-show</source>
            <translation>no se presentó</translation>
        </message>
        <message>
            <source>marked declined by the family</source>
            <translation>rechazada por la familia</translation>
        </message>
        <message>
            <source>marked rejected by the partner</source>
            <translation>rechazada por la agencia asociada</translation>
        </message>
        <message>
            <source>linked to services</source>
            <translation>vinculado a servicios</translation>
        </message>
        <message>
            <source>unable to contact</source>
            <translation>no se pudo contactar</translation>
        </message>
        <message>
            <source>family declined</source>
            <translation>la familia lo rechazó</translation>
        </message>
        <message>
            <source>not eligible</source>
            <translation>no es elegible</translation>
        </message>
        <message>
            <source>other</source>
            <translation>otro</translation>
        </message>
        <message>
            <source>{options} or {last}</source>
            <translation>{options} o {last}</translation>
        </message>
        <message>
            <source>Choose an outcome to close the referral: {choices}.</source>
            <translation>Elija un resultado para cerrar la derivación: {choices}.</translation>
        </message>
        <message>
            <source>The referral cannot be sent: {reason}</source>
            <translation>La derivación no se puede enviar: {reason}</translation>
        </message>
        <message>
            <source>The appointment is on {when}, still ahead: mark it attended once it has happened, or reschedule it if it was moved.</source>
            <translation>La cita es el {when}, todavía no ha llegado: márquela como asistida cuando haya ocurrido, o reprográmela si se cambió.</translation>
        </message>
        <message>
            <source>Enter the date and time the student attended.</source>
            <translation>Indique la fecha y la hora en que asistió el estudiante.</translation>
        </message>
        <message>
            <source>The time the student attended cannot be in the future.</source>
            <translation>La hora en que asistió el estudiante no puede estar en el futuro.</translation>
        </message>
        <message>
            <source>The time the student attended cannot be before the appointment was made ({when}).</source>
            <translation>La hora en que asistió el estudiante no puede ser anterior a cuando se programó la cita ({when}).</translation>
        </message>
        <message>
            <source>The time the student attended cannot be before the referral was sent ({when}).</source>
            <translation>La hora en que asistió el estudiante no puede ser anterior al envío de la derivación ({when}).</translation>
        </message>
        <message>
            <source>Student released to</source>
            <translation>Estudiante entregado a</translation>
        </message>
        <message>
            <source>Other action</source>
            <translation>Otra acción</translation>
        </message>
        <message>
            <source>Assessed by</source>
            <translation>Evaluado por</translation>
        </message>
        <message>
            <source>Who was contacted</source>
            <translation>A quién se contactó</translation>
        </message>
        <message>
            <source>Team member</source>
            <translation>Integrante del equipo</translation>
        </message>
        <message>
            <source>Service or unit</source>
            <translation>Servicio o unidad</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>Agencia asociada</translation>
        </message>
        <message>
            <source>Released to</source>
            <translation>Entregado a</translation>
        </message>
        <message>
            <source>Person involved</source>
            <translation>Persona involucrada</translation>
        </message>
        <message>
            <source>too many actions in one save</source>
            <translation>demasiadas acciones en un solo guardado</translation>
        </message>
        <message>
            <source>is recorded by making the referral (Refer…)</source>
            <translation>se registra al hacer la derivación (Derivar…)</translation>
        </message>
        <message>
            <source>cannot be before the day the flag was raised</source>
            <translation>no puede ser anterior al día en que se generó la alerta</translation>
        </message>
        <message>
            <source>is required to close a flag</source>
            <translation>es obligatoria para cerrar una alerta</translation>
        </message>
        <message>
            <source>a suicide-risk flag needs at least one action recorded before it closes</source>
            <translation>una alerta de riesgo de suicidio necesita al menos una acción registrada antes de cerrarse</translation>
        </message>
        <message>
            <source>{column} is not a relation this program knows: the guardian was added as "other" without authority to consent; confirm who may consent for this student</source>
            <translation>{column} no es un parentesco que este programa conozca: el tutor se agregó como «otro» sin autoridad para dar consentimiento; confirme quién puede dar consentimiento por este estudiante</translation>
        </message>
        <message>
            <source>is not a question of the {short_name} with a written answer</source>
            <translation>no es una pregunta del {short_name} con respuesta escrita</translation>
        </message>
        <message>
            <source>must be text</source>
            <translation>debe ser texto</translation>
        </message>
        <message>
            <source>must be one of {allowed}</source>
            <translation>debe ser uno de estos: {allowed}</translation>
        </message>
        <message>
            <source>behavioral health</source>
            <translation>salud conductual</translation>
        </message>
        <message>
            <source>substance use</source>
            <translation>consumo de sustancias</translation>
        </message>
        <message>
            <source>sexual and reproductive health</source>
            <translation>salud sexual y reproductiva</translation>
        </message>
        <message>
            <source>Restricted ({category})</source>
            <translation>Restringido ({category})</translation>
        </message>
        <message>
            <source>Restricted</source>
            <translation>Restringido</translation>
        </message>
        <message>
            <source>must be {low} to {high} days</source>
            <translation>debe ser de {low} a {high} días</translation>
        </message>
        <message>
            <source>must not be later than urgent follow-ups</source>
            <translation>no debe ser posterior a los seguimientos urgentes</translation>
        </message>
        <message>
            <source>must not be later than routine follow-ups</source>
            <translation>no debe ser posterior a los seguimientos de rutina</translation>
        </message>
        <message>
            <source>choose what minors may consent to</source>
            <translation>elija a qué pueden dar consentimiento los menores</translation>
        </message>
        <message>
            <source>is too large (at most {megabytes} MB)</source>
            <translation>es demasiado grande (máximo {megabytes} MB)</translation>
        </message>
        <message>
            <source>is too small (at least {pixels} pixels each way)</source>
            <translation>es demasiado pequeña (mínimo {pixels} píxeles de ancho y de alto)</translation>
        </message>
        <message>
            <source>is too large (at most {pixels} pixels each way)</source>
            <translation>es demasiado grande (máximo {pixels} píxeles de ancho y de alto)</translation>
        </message>
        <message>
            <source>gives an age outside {MIN_AGE_YEARS} to {MAX_AGE_YEARS} years</source>
            <translation>da una edad fuera de {MIN_AGE_YEARS} a {MAX_AGE_YEARS} años</translation>
        </message>
        <message>
            <source>contains an invalid phone number</source>
            <translation>contiene un número de teléfono no válido</translation>
        </message>
        <message>
            <source>Medical</source>
            <translation>Médica</translation>
        </message>
        <message>
            <source>Behavioral health</source>
            <translation>Salud conductual</translation>
        </message>
        <message>
            <source>Nursing</source>
            <translation>Enfermería</translation>
        </message>
        <message>
            <source>Crisis</source>
            <translation>Crisis</translation>
        </message>
        <message>
            <source>Returned to class</source>
            <translation>Regresó a clase</translation>
        </message>
        <message>
            <source>Sent home</source>
            <translation>Enviado a casa</translation>
        </message>
        <message>
            <source>Parent picked up</source>
            <translation>Lo recogió el padre o la madre</translation>
        </message>
        <message>
            <source>EMS called</source>
            <translation>Se llamó a EMS</translation>
        </message>
        <message>
            <source>Referred</source>
            <translation>Derivado</translation>
        </message>
        <message>
            <source>Not chosen yet</source>
            <translation>Aún no elegido</translation>
        </message>
        <message>
            <source>Headache</source>
            <translation>Dolor de cabeza</translation>
        </message>
        <message>
            <source>Stomach ache</source>
            <translation>Dolor de estómago</translation>
        </message>
        <message>
            <source>Injury</source>
            <translation>Lesión</translation>
        </message>
        <message>
            <source>Medication administration</source>
            <translation>Administración de medicamentos</translation>
        </message>
        <message>
            <source>Asthma</source>
            <translation>Asma</translation>
        </message>
        <message>
            <source>Diabetes care</source>
            <translation>Cuidado de la diabetes</translation>
        </message>
        <message>
            <source>Fever</source>
            <translation>Fiebre</translation>
        </message>
        <message>
            <source>Vision/hearing screening</source>
            <translation>Tamizaje de visión/audición</translation>
        </message>
        <message>
            <source>Menstrual</source>
            <translation>Molestias menstruales</translation>
        </message>
        <message>
            <source>Dental pain</source>
            <translation>Dolor dental</translation>
        </message>
        <message>
            <source>Sports physical</source>
            <translation>Examen físico deportivo</translation>
        </message>
        <message>
            <source>Well-child exam</source>
            <translation>Control de niño sano</translation>
        </message>
        <message>
            <source>Sore throat</source>
            <translation>Dolor de garganta</translation>
        </message>
        <message>
            <source>Immunizations</source>
            <translation>Vacunas</translation>
        </message>
        <message>
            <source>Rash</source>
            <translation>Sarpullido</translation>
        </message>
        <message>
            <source>Ear pain</source>
            <translation>Dolor de oído</translation>
        </message>
        <message>
            <source>Asthma follow-up</source>
            <translation>Seguimiento del asma</translation>
        </message>
        <message>
            <source>Sexual/reproductive health</source>
            <translation>Salud sexual/reproductiva</translation>
        </message>
        <message>
            <source>Anxiety</source>
            <translation>Ansiedad</translation>
        </message>
        <message>
            <source>Low mood</source>
            <translation>Estado de ánimo bajo</translation>
        </message>
        <message>
            <source>Grief</source>
            <translation>Duelo</translation>
        </message>
        <message>
            <source>Peer conflict</source>
            <translation>Conflicto con compañeros</translation>
        </message>
        <message>
            <source>Family stress</source>
            <translation>Estrés familiar</translation>
        </message>
        <message>
            <source>Attendance concern</source>
            <translation>Preocupación por la asistencia</translation>
        </message>
        <message>
            <source>Substance use</source>
            <translation>Consumo de sustancias</translation>
        </message>
        <message>
            <source>Follow-up counseling</source>
            <translation>Consejería de seguimiento</translation>
        </message>
        <message>
            <source>Suicidal ideation</source>
            <translation>Ideación suicida</translation>
        </message>
        <message>
            <source>Self-harm</source>
            <translation>Autolesión</translation>
        </message>
        <message>
            <source>Threat assessment</source>
            <translation>Evaluación de amenazas</translation>
        </message>
        <message>
            <source>Abuse disclosure</source>
            <translation>Revelación de abuso</translation>
        </message>
        <message>
            <source>Acute distress</source>
            <translation>Angustia aguda</translation>
        </message>
        <message>
            <source>must be between 1 and {high} minutes</source>
            <translation>debe estar entre 1 y {high} minutos</translation>
        </message>
        <message>
            <source>choose what happened next before signing</source>
            <translation>elija qué pasó después antes de firmar</translation>
        </message>
        <message>
            <source>say when it happened</source>
            <translation>indique cuándo ocurrió</translation>
        </message>
        <message>
            <source>The audit log is broken at event {broken_at}: {reason}.</source>
            <translation>El registro de auditoría está roto en el evento {broken_at}: {reason}.</translation>
        </message>
        <message>
            <source>No audit anchors were found in that folder.</source>
            <translation>No se encontraron anclas de auditoría en esa carpeta.</translation>
        </message>
        <message>
            <source>The check could not be recorded in the damaged database's audit log.</source>
            <translation>La comprobación no se pudo anotar en el registro de auditoría de la base de datos dañada.</translation>
        </message>
        <message>
            <source>The check could not be recorded: {reason}</source>
            <translation>La comprobación no se pudo anotar: {reason}</translation>
        </message>
        <message>
            <source>its rows could not be read ({reason})</source>
            <translation>sus filas no se pudieron leer ({reason})</translation>
        </message>
        <message>
            <source>{parent} does not exist (is the USB stick mounted?).</source>
            <translation>{parent} no existe (¿está conectada la memoria USB?).</translation>
        </message>
        <message>
            <source>That backup file does not exist.</source>
            <translation>Ese archivo de copia de seguridad no existe.</translation>
        </message>
        <message>
            <source>That account is disabled or missing in the backup; it cannot restore.</source>
            <translation>Esa cuenta está desactivada o no existe en la copia de seguridad; no puede restaurarla.</translation>
        </message>
        <message>
            <source>The backup folder is read-only or you may not write to it; nothing was written. Choose another folder.</source>
            <translation>La carpeta de copias de seguridad es de solo lectura o usted no tiene permiso para escribir en ella; no se escribió nada. Elija otra carpeta.</translation>
        </message>
        <message>
            <source>Outcome: {outcome}</source>
            <translation>Resultado: {outcome}</translation>
        </message>
        <message>
            <source>In foster care: check who may consent.</source>
            <translation>En cuidado de crianza temporal: verifique quién puede dar consentimiento.</translation>
        </message>
        <message>
            <source>{count} alerts: {restricted}. {call}</source>
            <translation>{count} alertas: {restricted}. {call}</translation>
        </message>
        <message>
            <source>{label} visit: {reason}</source>
            <translation>Visita ({label}): {reason}</translation>
        </message>
        <message>
            <source>Incomplete</source>
            <translation>Incompleto</translation>
        </message>
        <message>
            <source>Score {total}</source>
            <translation>Puntuación {total}</translation>
        </message>
        <message>
            <source>Score {total}, {label}</source>
            <translation>Puntuación {total}, {label}</translation>
        </message>
        <message>
            <source>Signed {date}</source>
            <translation>Firmado el {date}</translation>
        </message>
        <message>
            <source>Signed {date}, revoked {revoked}</source>
            <translation>Firmado el {date}, revocado el {revoked}</translation>
        </message>
        <message>
            <source>Referral to {partner}: {to_status}</source>
            <translation>Derivación a {partner}: {to_status}</translation>
        </message>
        <message>
            <source>Consent recorded: {label}</source>
            <translation>Consentimiento registrado: {label}</translation>
        </message>
        <message>
            <source>recorded after signing</source>
            <translation>registrado después de firmar</translation>
        </message>
        <message>
            <source>Risk flag action: {action}</source>
            <translation>Acción sobre alerta de riesgo: {action}</translation>
        </message>
        <message>
            <source>Risk flag closed: {flag}</source>
            <translation>Alerta de riesgo cerrada: {flag}</translation>
        </message>
        <message>
            <source>is required to check a release of information</source>
            <translation>es obligatorio para verificar una autorización para divulgar información</translation>
        </message>
        <message>
            <source>add an action or close the flag with a note</source>
            <translation>agregue una acción o cierre la alerta con una nota</translation>
        </message>
        <message>
            <source>A flag chosen with this one is closed already or not from the same sitting.</source>
            <translation>Una alerta elegida junto con esta ya está cerrada o no es de la misma sesión.</translation>
        </message>
        <message>
            <source>This visit is still open: choose where the student went before printing a pass.</source>
            <translation>Esta visita sigue abierta: elija adónde fue el estudiante antes de imprimir un pase.</translation>
        </message>
        <message>
            <source>Call {contact}, who recorded it.</source>
            <translation>Llame a {contact}, quien hizo el registro.</translation>
        </message>
        <message>
            <source>This letter holds {what} information that your role may not see, so it cannot be printed. Ask the clinician who wrote it.</source>
            <translation>Esta carta contiene información de {what} que su función no puede ver, por lo que no se puede imprimir. Consulte al profesional clínico que la redactó.</translation>
        </message>
        <message>
            <source>This record holds {what} information that your role may not see, so you cannot change it. Ask the clinician who wrote it.</source>
            <translation>Este registro contiene información de {what} que su función no puede ver, por lo que no puede modificarlo. Consulte al profesional clínico que lo redactó.</translation>
        </message>
        <message>
            <source>restricted</source>
            <translation>acceso restringido</translation>
        </message>
        <message>
            <source>That flag belongs to another student.</source>
            <translation>Esa alerta pertenece a otro estudiante.</translation>
        </message>
        <message>
            <source>{column} {code} is not one of this site's schools (add it when importing, or correct the column)</source>
            <translation>{column} {code} no es una de las escuelas de este centro (agréguela al importar o corrija la columna)</translation>
        </message>
        <message>
            <source>That screening belongs to another student or form.</source>
            <translation>Ese tamizaje pertenece a otro estudiante o a otro formulario.</translation>
        </message>
        <message>
            <source>That screening was already saved.</source>
            <translation>Ese tamizaje ya se guardó.</translation>
        </message>
        <message>
            <source>That screening was discarded.</source>
            <translation>Ese tamizaje se descartó.</translation>
        </message>
        <message>
            <source>That visit belongs to another student.</source>
            <translation>Esa visita pertenece a otro estudiante.</translation>
        </message>
        <message>
            <source>That visit is signed; start a new visit to give another screening.</source>
            <translation>Esa visita está firmada; inicie una visita nueva para aplicar otro tamizaje.</translation>
        </message>
        <message>
            <source>is the one that was set for you; choose your own</source>
            <translation>es la que se le asignó; elija una propia</translation>
        </message>
        <message>
            <source>The district's data use agreement has expired: no limited data set may be exported. Ask the district for a new provisioning file.</source>
            <translation>El acuerdo de uso de datos del distrito ha vencido: no se puede exportar ningún conjunto de datos limitado. Pida al distrito un nuevo archivo de aprovisionamiento.</translation>
        </message>
        <message>
            <source>{name} is disabled and their password no longer opens this clinic, but the database key could not be rotated ({reason}): a copy of the key file made before now (one beside a backup) still opens the database with their old password. Run clinic-admin rekey now.</source>
            <translation>{name} está desactivado y su contraseña ya no abre esta clínica, pero no se pudo cambiar la clave de la base de datos ({reason}): una copia del archivo de claves hecha antes de ahora (la que está junto a una copia de seguridad) todavía abre la base de datos con su contraseña anterior. Ejecute clinic-admin rekey ahora.</translation>
        </message>
        <message>
            <source>This visit is signed and cannot be changed. Add an addendum instead.</source>
            <translation>Esta visita está firmada y no se puede cambiar. Agregue una adenda.</translation>
        </message>
        <message>
            <source>Only the clinician who wrote this draft can change or sign it.</source>
            <translation>Solo el profesional que escribió este borrador puede cambiarlo o firmarlo.</translation>
        </message>
        <message>
            <source>This visit is still a draft: change the draft itself, then sign it.</source>
            <translation>Esta visita todavía es un borrador: cambie el borrador y luego fírmelo.</translation>
        </message>
        <message>
            <source>A screening in this visit is still in progress: finish or discard it first.</source>
            <translation>Un tamizaje de esta visita sigue en curso: termínelo o descártelo primero.</translation>
        </message>
        <message>
            <source>{count} database pages fail their encryption checksum (HMAC).</source>
            <translation>{count} páginas de la base de datos no superan su suma de verificación de cifrado (HMAC).</translation>
        </message>
        <message>
            <source>SQLite's integrity check failed: {first}</source>
            <translation>La comprobación de integridad de SQLite falló: {first}</translation>
        </message>
        <message>
            <source>The database check {check} could not read every page: {reason}</source>
            <translation>La comprobación {check} de la base de datos no pudo leer todas las páginas: {reason}</translation>
        </message>
        <message>
            <source>The key file beside the clinic database cannot be read (a folder in its place, or this account may not read it). Call IT.</source>
            <translation>El archivo de claves junto a la base de datos de la clínica no se puede leer (hay una carpeta en su lugar, o esta cuenta no puede leerlo). Llame a informática.</translation>
        </message>
        <message>
            <source>That student is not in this clinic's records.</source>
            <translation>Ese estudiante no está en los registros de esta clínica.</translation>
        </message>
        <message>
            <source>That consent is not in this clinic's records.</source>
            <translation>Ese consentimiento no está en los registros de esta clínica.</translation>
        </message>
        <message>
            <source>is not in the partner directory</source>
            <translation>no está en el directorio de agencias asociadas</translation>
        </message>
        <message>
            <source>is not a guardian of this student</source>
            <translation>no es tutor legal de este estudiante</translation>
        </message>
        <message>
            <source>That partner is not in the directory.</source>
            <translation>Esa agencia asociada no está en el directorio.</translation>
        </message>
        <message>
            <source>is already in the partner directory</source>
            <translation>ya está en el directorio de agencias asociadas</translation>
        </message>
        <message>
            <source>choose at least one</source>
            <translation>elija al menos uno</translation>
        </message>
        <message>
            <source>at most {MAX_PACKET_STUDENTS} in one packet</source>
            <translation>como máximo {MAX_PACKET_STUDENTS} en un paquete</translation>
        </message>
        <message>
            <source>is not a release of information</source>
            <translation>no es una autorización para divulgar información</translation>
        </message>
        <message>
            <source>That referral is not in this clinic's records.</source>
            <translation>Esa derivación no está en los registros de esta clínica.</translation>
        </message>
        <message>
            <source>That screening is not in this clinic's records.</source>
            <translation>Ese tamizaje no está en los registros de esta clínica.</translation>
        </message>
        <message>
            <source>That visit is not in this clinic's records.</source>
            <translation>Esa visita no está en los registros de esta clínica.</translation>
        </message>
        <message>
            <source>That risk flag is not in this clinic's records.</source>
            <translation>Esa alerta de riesgo no está en los registros de esta clínica.</translation>
        </message>
        <message>
            <source>Only a draft referral can be edited.</source>
            <translation>Solo se puede editar una derivación en borrador.</translation>
        </message>
        <message>
            <source>must look like YYYY-MM</source>
            <translation>debe tener la forma AAAA-MM</translation>
        </message>
        <message>
            <source>is no longer an active partner</source>
            <translation>ya no es una agencia asociada activa</translation>
        </message>
        <message>
            <source>is not one of this student's records</source>
            <translation>no es uno de los registros de este estudiante</translation>
        </message>
        <message>
            <source>That flag was already closed.</source>
            <translation>Esa alerta ya estaba cerrada.</translation>
        </message>
        <message>
            <source>could not be read as an image</source>
            <translation>no se pudo leer como imagen</translation>
        </message>
        <message>
            <source>No such user.</source>
            <translation>No existe ese usuario.</translation>
        </message>
        <message>
            <source>belongs to another student</source>
            <translation>pertenece a otro estudiante</translation>
        </message>
        <message>
            <source>This clinic has not been provisioned for sync yet: run clinic-admin provision with the district's provisioning.json.</source>
            <translation>Esta clínica todavía no está aprovisionada para sincronizar: ejecute clinic-admin provision con el provisioning.json del distrito.</translation>
        </message>
        <message>
            <source>The district's export profile has not been accepted yet: an administrator must review and accept it before export (Sync tab, "Review profile…", or {command}).</source>
            <translation>El perfil de exportación del distrito aún no se ha aceptado: un administrador debe revisarlo y aceptarlo antes de exportar (pestaña Sincronizar, «Revisar perfil…», o {command}).</translation>
        </message>
        <message>
            <source>Another export recorded this batch number first.</source>
            <translation>Otra exportación registró primero este número de lote.</translation>
        </message>
        <message>
            <source>Another export is running for this clinic.</source>
            <translation>Hay otra exportación en curso para esta clínica.</translation>
        </message>
        <message>
            <source>A user named {name} already exists.</source>
            <translation>Ya existe un usuario llamado {name}.</translation>
        </message>
        <message>
            <source>You cannot disable your own account.</source>
            <translation>No puede desactivar su propia cuenta.</translation>
        </message>
        <message>
            <source>The last administrator cannot be disabled.</source>
            <translation>No se puede desactivar al último administrador.</translation>
        </message>
        <message>
            <source>row {seq} is missing</source>
            <translation>falta la fila {seq}</translation>
        </message>
        <message>
            <source>The backup copy could not be verified.</source>
            <translation>No se pudo verificar la copia de seguridad.</translation>
        </message>
        <message>
            <source>The backup copy failed its integrity check.</source>
            <translation>La copia de seguridad no pasó la verificación de integridad.</translation>
        </message>
        <message>
            <source>The key file does not match the open database.</source>
            <translation>El archivo de claves no corresponde a la base de datos abierta.</translation>
        </message>
        <message>
            <source>The backup could not be opened.</source>
            <translation>No se pudo abrir la copia de seguridad.</translation>
        </message>
        <message>
            <source>The backup failed its integrity check.</source>
            <translation>La copia de seguridad no pasó la verificación de integridad.</translation>
        </message>
        <message>
            <source>The backup's audit log is broken at event {broken_at}; not restored.</source>
            <translation>El registro de auditoría de la copia de seguridad está roto en el evento {broken_at}; no se restauró.</translation>
        </message>
        <message>
            <source>The clinic data folder is read-only; nothing can be saved.</source>
            <translation>La carpeta de datos de la clínica es de solo lectura; no se puede guardar nada.</translation>
        </message>
        <message>
            <source>This is an unencrypted SQLite file, not an encrypted clinic database.</source>
            <translation>Este es un archivo SQLite sin cifrar, no una base de datos cifrada de la clínica.</translation>
        </message>
        <message>
            <source>This clinic has no recovery key slot.</source>
            <translation>Esta clínica no tiene un espacio para clave de recuperación.</translation>
        </message>
        <message>
            <source>{anchor} belongs to site {other}, not {site}.</source>
            <translation>{anchor} pertenece al sitio {other}, no a {site}.</translation>
        </message>
        <message>
            <source>{anchor}: its signature is not this site's signing key's.</source>
            <translation>{anchor}: su firma no es de la clave de firma de este sitio.</translation>
        </message>
        <message>
            <source>{anchor} vouches for {count} audit events, but the chain holds only {total}: events were removed from its end (or an older backup was restored since).</source>
            <translation>{anchor} responde por {count} eventos de auditoría, pero la cadena solo tiene {total}: se eliminaron eventos de su final (o desde entonces se restauró una copia de seguridad anterior).</translation>
        </message>
        <message>
            <source>{anchor}: audit event {count} is not the event it vouches for: events up to it were altered and re-hashed, or removed and others written in their place.</source>
            <translation>{anchor}: el evento de auditoría {count} no es el evento por el que responde: los eventos hasta él se alteraron y se volvieron a calcular sus hashes, o se eliminaron y se escribieron otros en su lugar.</translation>
        </message>
        <message>
            <source>The batch content is truncated (no end-of-archive marker).</source>
            <translation>El contenido del lote está truncado (no hay marcador de fin de archivo).</translation>
        </message>
        <message>
            <source>The batch content has garbage between files.</source>
            <translation>El contenido del lote tiene datos basura entre archivos.</translation>
        </message>
        <message>
            <source>The batch content continues after its end-of-archive marker.</source>
            <translation>El contenido del lote continúa después de su marcador de fin de archivo.</translation>
        </message>
        <message>
            <source>The batch holds too many files.</source>
            <translation>El lote contiene demasiados archivos.</translation>
        </message>
        <message>
            <source>The batch content is not a ustar archive.</source>
            <translation>El contenido del lote no es un archivo ustar.</translation>
        </message>
        <message>
            <source>A file header in the batch is damaged (bad checksum).</source>
            <translation>Un encabezado de archivo del lote está dañado (suma de verificación incorrecta).</translation>
        </message>
        <message>
            <source>The batch holds something other than plain files.</source>
            <translation>El lote contiene algo distinto de archivos simples.</translation>
        </message>
        <message>
            <source>A file name in the batch is not plain ASCII.</source>
            <translation>Un nombre de archivo del lote no es ASCII simple.</translation>
        </message>
        <message>
            <source>A file name in the batch is not allowed.</source>
            <translation>Un nombre de archivo del lote no está permitido.</translation>
        </message>
        <message>
            <source>A file in the batch is too large.</source>
            <translation>Un archivo del lote es demasiado grande.</translation>
        </message>
        <message>
            <source>A file header in the batch is damaged.</source>
            <translation>Un encabezado de archivo del lote está dañado.</translation>
        </message>
        <message>
            <source>The provisioning file's data use agreement is missing.</source>
            <translation>Falta el acuerdo de uso de datos del archivo de aprovisionamiento.</translation>
        </message>
        <message>
            <source>The data use agreement lists no permitted uses.</source>
            <translation>El acuerdo de uso de datos no indica ningún uso permitido.</translation>
        </message>
        <message>
            <source>The data use agreement needs an id and a recipient.</source>
            <translation>El acuerdo de uso de datos necesita un identificador y un destinatario.</translation>
        </message>
        <message>
            <source>The data use agreement's expiry is not a date.</source>
            <translation>El vencimiento del acuerdo de uso de datos no es una fecha.</translation>
        </message>
        <message>
            <source>A limited data set needs a data use agreement, and only a limited data set takes one (45 CFR 164.514(e)).</source>
            <translation>Un conjunto de datos limitado necesita un acuerdo de uso de datos, y solo un conjunto de datos limitado lo admite (45 CFR 164.514(e)).</translation>
        </message>
        <message>
            <source>provisioning file</source>
            <translation>archivo de aprovisionamiento</translation>
        </message>
        <message>
            <source>This is not a district provisioning file (clinic-sync keygen).</source>
            <translation>Este no es un archivo de aprovisionamiento del distrito (clinic-sync keygen).</translation>
        </message>
        <message>
            <source>The provisioning file has no valid district name.</source>
            <translation>El archivo de aprovisionamiento no tiene un nombre de distrito válido.</translation>
        </message>
        <message>
            <source>The provisioning file names an unknown export profile (safe-harbor or limited-data-set).</source>
            <translation>El archivo de aprovisionamiento indica un perfil de exportación desconocido (safe-harbor o limited-data-set).</translation>
        </message>
        <message>
            <source>The district's public key is not a valid age recipient.</source>
            <translation>La clave pública del distrito no es un destinatario age válido.</translation>
        </message>
        <message>
            <source>Give the district a name (at most 200 characters).</source>
            <translation>Dé un nombre al distrito (máximo 200 caracteres).</translation>
        </message>
        <message>
            <source>{folder} cannot be used as a folder.</source>
            <translation>{folder} no se puede usar como carpeta.</translation>
        </message>
        <message>
            <source>{key_path} already exists; refusing to overwrite it (every batch sent to it would become unreadable). Choose another folder.</source>
            <translation>{key_path} ya existe; no se sobrescribirá (todos los lotes enviados a esa clave quedarían ilegibles). Elija otra carpeta.</translation>
        </message>
        <message>
            <source>{path} is readable by other users; run: chmod 600 {path}</source>
            <translation>{path} lo pueden leer otros usuarios; ejecute: chmod 600 {path}</translation>
        </message>
        <message>
            <source>Cannot read the district key {path}.</source>
            <translation>No se puede leer la clave del distrito {path}.</translation>
        </message>
        <message>
            <source>{path} is not an age private key.</source>
            <translation>{path} no es una clave privada age.</translation>
        </message>
        <message>
            <source>site key file</source>
            <translation>archivo de clave del centro</translation>
        </message>
        <message>
            <source>This is not a site verification key (clinic-admin provision).</source>
            <translation>Esta no es una clave de verificación del sitio (clinic-admin provision).</translation>
        </message>
        <message>
            <source>The site key file holds no valid Ed25519 key.</source>
            <translation>El archivo de la clave del sitio no contiene una clave Ed25519 válida.</translation>
        </message>
        <message>
            <source>The site key file names no site.</source>
            <translation>El archivo de la clave del sitio no nombra ningún sitio.</translation>
        </message>
        <message>
            <source>{name} is too large to be a site key.</source>
            <translation>{name} es demasiado grande para ser una clave del sitio.</translation>
        </message>
        <message>
            <source>{name} cannot be read as a site key (not a plain file?).</source>
            <translation>{name} no se puede leer como clave de un sitio (¿no es un archivo normal?).</translation>
        </message>
        <message>
            <source>The {what} is too large.</source>
            <translation>El {what} es demasiado grande.</translation>
        </message>
        <message>
            <source>The {what} is not valid JSON.</source>
            <translation>El {what} no es un JSON válido.</translation>
        </message>
        <message>
            <source>The {what} is not a JSON object.</source>
            <translation>El {what} no es un objeto JSON.</translation>
        </message>
        <message>
            <source>Year</source>
            <translation>Año</translation>
        </message>
        <message>
            <source>Month</source>
            <translation>Mes</translation>
        </message>
        <message>
            <source>not a list</source>
            <translation>no es una lista</translation>
        </message>
        <message>
            <source>not an object</source>
            <translation>no es un objeto</translation>
        </message>
        <message>
            <source>The batch read back differs from what was written.</source>
            <translation>El lote leído de nuevo no coincide con lo que se escribió.</translation>
        </message>
        <message>
            <source>{name} is not a regular file (a folder, a device or a pipe): it was not read.</source>
            <translation>{name} no es un archivo normal (es una carpeta, un dispositivo o una tubería): no se leyó.</translation>
        </message>
        <message>
            <source>{name} cannot be read.</source>
            <translation>No se puede leer {name}.</translation>
        </message>
        <message>
            <source>{name} is larger than any batch can be.</source>
            <translation>{name} es más grande de lo que puede ser un lote.</translation>
        </message>
        <message>
            <source>{name} has {found} bytes where {expected} were written.</source>
            <translation>{name} tiene {found} bytes donde se escribieron {expected}.</translation>
        </message>
        <message>
            <source>The batch holds an empty file ({name}).</source>
            <translation>El lote contiene un archivo vacío ({name}).</translation>
        </message>
        <message>
            <source>{name} line {line} breaks the batch schema: {problem}.</source>
            <translation>{name}, línea {line}, no cumple el esquema del lote: {problem}.</translation>
        </message>
        <message>
            <source>The batch says safe-harbor but holds a month: only years may leave under it.</source>
            <translation>El lote dice «safe-harbor» pero contiene un mes: con ese perfil solo pueden salir años.</translation>
        </message>
        <message>
            <source>The manifest read back differs from the site's own copy.</source>
            <translation>El manifiesto leído de nuevo no coincide con la copia propia del sitio.</translation>
        </message>
        <message>
            <source>The batch's signature does not verify.</source>
            <translation>La firma del lote no se puede verificar.</translation>
        </message>
        <message>
            <source>The manifest's audit anchor is malformed.</source>
            <translation>El ancla de auditoría del manifiesto está mal formada.</translation>
        </message>
        <message>
            <source>The manifest's audit anchor is not this batch's, signed by its site.</source>
            <translation>El ancla de auditoría del manifiesto no es la de este lote firmada por su sitio.</translation>
        </message>
        <message>
            <source>{path} is not a district database, or it is damaged.</source>
            <translation>{path} no es una base de datos del distrito, o está dañada.</translation>
        </message>
        <message>
            <source>{message}; warning: site {site}'s audit log has {count} events, fewer than the {earlier} an earlier batch stated (events were deleted, or an older backup was restored): check it with {command}</source>
            <translation>{message}; aviso: el registro de auditoría del sitio {site} tiene {count} eventos, menos que los {earlier} que indicó un lote anterior (se eliminaron eventos o se restauró una copia de seguridad anterior): compruébelo con {command}</translation>
        </message>
        <message>
            <source>{name}: a re-export of the same changes, already imported</source>
            <translation>{name}: una nueva exportación de los mismos cambios, ya importada</translation>
        </message>
        <message>
            <source>{name}: refused, sequence {sequence} of site {site} was already imported with different content (a replayed or conflicting batch)</source>
            <translation>{name}: rechazado, la secuencia {sequence} del sitio {site} ya se importó con otro contenido (un lote repetido o en conflicto)</translation>
        </message>
        <message>
            <source>must not be negative</source>
            <translation>no debe ser negativo</translation>
        </message>
        <message>
            <location filename="../../clinic_desktop/ui/operations/site.py" line="+112" />
            <source>Disabled</source>
            <translation>Desactivada</translation>
        </message>
        <message>
            <source>Locked (too many failed sign-ins)</source>
            <translation>Bloqueada (demasiados intentos fallidos de inicio de sesión)</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Activa</translation>
        </message>
        <message>
            <source>{title} (blank, {language})</source>
            <translation>{title} (en blanco, {language})</translation>
        </message>
        <message>
            <source>Consent for school-based health services</source>
            <translation>Consentimiento para servicios de salud escolares</translation>
        </message>
        <message>
            <source>Release of information</source>
            <translation>Autorización para divulgar información</translation>
        </message>
        <message>
            <source>Referral letter</source>
            <translation>Carta de derivación</translation>
        </message>
        <message>
            <source>Screening results letter</source>
            <translation>Carta de resultados del tamizaje</translation>
        </message>
        <message>
            <source>Return-to-class pass</source>
            <translation>Pase de regreso a clase</translation>
        </message>
        <message>
            <source>Consent packet</source>
            <translation>Paquete de consentimiento</translation>
        </message>
        <message>
            <source>Blank screening</source>
            <translation>Tamizaje en blanco</translation>
        </message>
        <message>
            <source>English</source>
            <translation>inglés</translation>
        </message>
        <message>
            <source>Spanish</source>
            <translation>español</translation>
        </message>
        <message>
            <source>each family's language</source>
            <translation>el idioma de cada familia</translation>
        </message>
        <message>
            <source>{subject} signed on {signed_on} is valid.</source>
            <translation>{subject} firmado el {signed_on} es válido.</translation>
        </message>
        <message>
            <source>{subject} signed on {signed_on} is valid until {until}.</source>
            <translation>{subject} firmado el {signed_on} es válido hasta {until}.</translation>
        </message>
        <message>
            <source>Invalid input.</source>
            <translation>Los datos no son válidos.</translation>
        </message>
    </context>
    <context>
        <name>operations</name>
        <message>
            <location filename="../../clinic_desktop/ui/operations/__init__.py" line="+268" />
            <source>Clinic Desktop</source>
            <extracomment>Operations started and not yet delivered, by id; keeps them alive while their task runs. A task's progress callback: ``report(done, total)``, callable from the worker thread. At most this many progress signals per operation (plus the last step). ``(done, total)`` from a task built with ``reports_progress=True``. What a success changes: announced to the views once the result is delivered.</extracomment>
            <translation>Clinic Desktop</translation>
        </message>
        <message>
            <location filename="../../clinic_desktop/ui/operations/referrals.py" line="+91" />
            <source>is required</source>
            <translation>es obligatorio</translation>
        </message>
        <message>
            <location filename="../../clinic_desktop/ui/operations/printing.py" line="+123" />
            <location filename="../../clinic_desktop/ui/operations/sync.py" line="+115" />
            <source>Could not save {file}: {reason}.</source>
            <translation>No se pudo guardar {file}: {reason}.</translation>
        </message>
        <message>
            <location filename="../../clinic_desktop/ui/operations/roster.py" line="+19" />
            <source>The file could not be read. Check that it is still there (a USB stick may have been removed) and that you may open it, then try again.</source>
            <translation>No se pudo leer el archivo. Verifique que todavía esté ahí (puede que se haya retirado una memoria USB) y que usted tenga permiso para abrirlo; luego vuelva a intentarlo.</translation>
        </message>
        <message>
            <location filename="../../clinic_desktop/ui/operations/sync.py" line="-15" />
            <source>{file} is too large to be a provisioning file.</source>
            <extracomment>A provisioning file is a few hundred bytes; anything far larger is the wrong file. The site key is public: the district copies it into its trust folder. The site's code, which names its key file for the district ("LHS.pub"). The district's export profile and its acceptance (None before provisioning).</extracomment>
            <translation>{file} es demasiado grande para ser un archivo de aprovisionamiento.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Could not read {file}: {reason}.</source>
            <translation>No se pudo leer {file}: {reason}.</translation>
        </message>
    </context>
    <context>
        <name>style</name>
        <message>
            <location filename="../../clinic_desktop/ui/style.py" line="+58" />
            <source>Acute alert</source>
            <extracomment>How much of the text colour (over the window colour) makes muted text; see muted_color. Text colour per tone, (on light, on dark); "acute" is the error red on purpose. Each reads at WCAG AA (4.5:1) on the window and base colours and on its own chip tint (tests/ui/test_contrast.py), so high-contrast needs are met without a special theme. Banner background and border per tone, (light pair, dark pair). What a banner's icon says to a screen reader, per tone (the colour is never the only cue).</extracomment>
            <translation>Alerta aguda</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Warning</source>
            <translation>Advertencia</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Information</source>
            <translation>Información</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Done</source>
            <translation>Completado</translation>
        </message>
    </context>
</TS>
