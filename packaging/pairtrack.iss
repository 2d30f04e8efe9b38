; Inno Setup script: the PairTrack installer for one Windows user, no administrator rights.
;
; Build the bundle first (python packaging\build.py → dist\PairTrack\), then, from the
; project folder (docs/deploy.md gives every step):
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\pairtrack.iss
; → dist\installer\PairTrack-0.1.0-setup.exe
;
; Installs into %LOCALAPPDATA%\Programs\PairTrack (the per-user program folder) with a Start
; menu entry. The ledger and its backups live elsewhere, in the user's data folder
; %LOCALAPPDATA%\PairTrack (pairtrack/tracker/paths.py): the uninstaller removes only the files this
; script installed, so the data folder and everything in it stay.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\PairTrack"
#endif
#define AppTitle "PairTrack 对口帮扶项目台账"

[Setup]
; Never change AppId: it is how an update finds the installed copy (and its uninstaller).
AppId={{A0072F8E-6780-46A0-AF6B-008CE5058014}
AppName={#AppTitle}
AppVersion={#AppVersion}
AppVerName={#AppTitle} {#AppVersion}
AppPublisher=PairTrack
VersionInfoVersion={#AppVersion}
; Per user: no UAC prompt; {autopf} is then %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
DefaultDirName={autopf}\PairTrack
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
LicenseFile=..\LICENSE
SetupIconFile=..\pairtrack\resources\icons\app.ico
UninstallDisplayIcon={app}\PairTrack.exe
UninstallDisplayName={#AppTitle}
OutputDir=..\dist\installer
OutputBaseFilename=PairTrack-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An open PairTrack holds its files: ask to close it (Restart Manager) before replacing them.
CloseApplications=yes

[Languages]
; ChineseSimplified.isl is one of Inno Setup's own translations from version 6.5 on.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
  #pragma warning "Inno Setup before 6.5 has no ChineseSimplified.isl: this installer speaks English"
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the program's own folder whole: a library left from the old version
; must not be loaded by the new one. (Only inside {app}; the data folder is not touched.)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\LICENSE"; DestDir: "{app}"; DestName: "LICENSE.txt"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppTitle}"; Filename: "{app}\PairTrack.exe"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#AppTitle}"; Filename: "{app}\PairTrack.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\PairTrack.exe"; Description: "{cm:LaunchProgram,{#AppTitle}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: the user's ledgers, backups and settings in
; %LOCALAPPDATA%\PairTrack stay after uninstalling (and are found again by a reinstall).
