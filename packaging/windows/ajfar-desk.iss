; Ajfar Desk's Windows installer (Inno Setup 6): compile after `python dev.py bundle` with
;     iscc /DAppVersion=0.1.0 packaging\windows\ajfar-desk.iss
; (.github/workflows/windows-installer.yml does both).  Output: dist\ajfar-desk-VERSION-setup.exe
;
; Per user, without administrator rights (PrivilegesRequired=lowest): the program goes to
; %LOCALAPPDATA%\Programs\Ajfar Desk, its Start-menu entry to the user's own menu.  The data
; (the store, backups, papers, logs) live in %LOCALAPPDATA%\AjfarDesk, outside the program's
; folder: neither an upgrade nor the uninstaller touches them.
;
; A head office's desk, on its PostgreSQL store:
;     ajfar-desk-VERSION-setup.exe /DBURL=postgresql+psycopg://desk3@hq-server/ajfar
; puts the store's URL on the shortcuts (--db-url); an upgrade without /DBURL keeps the URL given
; before.  The password goes in %APPDATA%\postgresql\pgpass.conf, never in the URL.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Root "..\.."
#define Bundle Root + "\dist\ajfar-desk"

[Setup]
; the same AppId for every version: a new installer upgrades the installed program in place
AppId={{41694C93-1102-4D50-998E-5C6AD5711F48}
AppName=Ajfar Desk
AppVerName=Ajfar Desk {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=Ajfar Desk
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={autopf}\Ajfar Desk
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=ajfar-desk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
LicenseFile={#Root}\LICENSE
#if FileExists(Root + "\resources\icons\ajfar-desk.ico")
SetupIconFile={#Root}\resources\icons\ajfar-desk.ico
#endif
UninstallDisplayIcon={app}\ajfar-desk-gui.exe
UninstallDisplayName=Ajfar Desk
; a running program is asked to close before its files are replaced
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
#if FileExists(AddBackslash(CompilerPath) + "Languages\Arabic.isl")
Name: "arabic"; MessagesFile: "compiler:Languages\Arabic.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; an upgrade replaces the bundle's libraries whole: nothing of the old version lingers
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Ajfar Desk"; Filename: "{app}\ajfar-desk-gui.exe"; Parameters: "{code:StoreParameters}"; WorkingDir: "{app}"
Name: "{autodesktop}\Ajfar Desk"; Filename: "{app}\ajfar-desk-gui.exe"; Parameters: "{code:StoreParameters}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\ajfar-desk-gui.exe"; Parameters: "{code:StoreParameters}"; Description: "{cm:LaunchProgram,Ajfar Desk}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only what it installed; %LOCALAPPDATA%\AjfarDesk
; (the association's data) stays.

[Code]
{ The store's URL: /DBURL=... on the command line, else the one an earlier install was given. }
function StoreUrl(): String;
begin
  Result := ExpandConstant('{param:DBURL|}');
  if Result = '' then
    Result := GetPreviousData('DbUrl', '');
end;

function StoreParameters(Param: String): String;
begin
  if StoreUrl() = '' then
    Result := ''
  else
    Result := '--db-url "' + StoreUrl() + '"';
end;

procedure RegisterPreviousData(PreviousDataKey: Integer);
begin
  SetPreviousData(PreviousDataKey, 'DbUrl', StoreUrl());
end;
