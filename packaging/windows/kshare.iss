; Inno Setup definition for the kshare desktop app, built from the PyInstaller bundle
; (dist\pyinstaller\kshare). IT can deploy it silently: kshare-setup.exe /VERYSILENT /NORESTART
; and ship a managed policy in %ProgramData%\kshare\policy.json.
#define AppVersion GetEnv("KSHARE_VERSION")

[Setup]
AppId={{6C1B2B7E-6E7A-4C0B-9A3C-2F1D5E0A7B11}
AppName=kshare
AppVersion={#AppVersion}
AppPublisher=kshare
DefaultDirName={autopf}\kshare
DefaultGroupName=kshare
OutputBaseFilename=kshare-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
WizardStyle=modern

[Files]
Source: "..\..\dist\pyinstaller\kshare\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion
Source: "..\policy\policy.example.json"; DestDir: "{commonappdata}\kshare"; Flags: onlyifdoesntexist

[Icons]
Name: "{group}\kshare"; Filename: "{app}\kshare.exe"; Parameters: "gui"
Name: "{autodesktop}\kshare"; Filename: "{app}\kshare.exe"; Parameters: "gui"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
Filename: "{app}\kshare.exe"; Parameters: "gui"; Description: "Start kshare"; Flags: nowait postinstall skipifsilent
