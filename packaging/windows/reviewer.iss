; Inno Setup 6 script: a per-user installer for the PyInstaller folder (no admin rights).
;
;   python packaging\build.py                  (makes dist\voice-history-reviewer\)
;   iscc /DAppVersion=0.1.0 packaging\windows\reviewer.iss
;     -> dist\VoiceHistoryReviewer-0.1.0-setup.exe
;
; Installs to %LOCALAPPDATA%\Programs\Voice History Reviewer with a Start-menu shortcut.
; Uninstalling asks whether to delete the library too (recordings, transcripts, decisions):
; the app keeps it in %LOCALAPPDATA%\VoiceHistoryReviewer (platformdirs user_data_dir with
; APP_DIR_NAME "VoiceHistoryReviewer", no author folder; logs and cache live inside it), or in
; the folder chosen in Preferences, remembered in that folder's location.json.
; Untested here (written on Linux); the CI workflow .github/workflows/installers.yml builds it.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Voice History Reviewer"
#define AppExe "voice-history-reviewer.exe"
#define Root AddBackslash(SourcePath) + "..\.."

[Setup]
; Never change AppId: Windows recognises upgrades and the uninstaller by it.
AppId={{1093CE87-7F7B-422A-892C-3920B2BFFC62}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Voice History Reviewer developers
PrivilegesRequired=lowest
; With lowest privileges {autopf} is the user's own %LOCALAPPDATA%\Programs.
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=VoiceHistoryReviewer-{#AppVersion}-setup
SetupIconFile={#Root}\build\pyinstaller\reviewer\icons\reviewer.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
LicenseFile={#Root}\dist\voice-history-reviewer\LICENSES\Voice-History-Reviewer-MIT.txt
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\voice-history-reviewer\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
const
  AppDataName = 'VoiceHistoryReviewer';

function DefaultLibraryDir(): String;
begin
  Result := ExpandConstant('{localappdata}\') + AppDataName;
end;

{ The library folder chosen in Preferences, from location.json ({"data_dir": "..."}), or ''.
  json.dumps doubles backslashes; a path with \u escapes (non-ASCII) is not decoded, so such a
  library is left alone (the question then only covers the default folder). }
function RememberedLibraryDir(): String;
var
  Text: AnsiString;
  S: String;
  P: Integer;
begin
  Result := '';
  if not LoadStringFromFile(DefaultLibraryDir() + '\location.json', Text) then
    Exit;
  S := String(Text);
  P := Pos('"data_dir": "', S);
  if P = 0 then
    Exit;
  S := Copy(S, P + Length('"data_dir": "'), Length(S));
  P := Pos('"', S);
  if P = 0 then
    Exit;
  S := Copy(S, 1, P - 1);
  if Pos('\u', S) > 0 then
    Exit;
  StringChangeEx(S, '\\', '\', True);
  if FileExists(AddBackslash(S) + 'library.sqlite3') then
    Result := S;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Default, Custom, Question: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  Default := DefaultLibraryDir();
  Custom := RememberedLibraryDir();
  if not DirExists(Default) and (Custom = '') then
    Exit;
  Question := 'Also delete your Voice History Reviewer library?' + #13#10#13#10 +
    'It holds the recordings copied from your exports, their transcripts and your decisions:' +
    #13#10 + Default;
  if Custom <> '' then
    Question := Question + #13#10 + Custom;
  Question := Question + #13#10#13#10 +
    'Your original export files are not affected. Choose No to keep the library for a later ' +
    'installation.';
  { Silent uninstalls keep the library: deleting data needs a yes from a person. }
  if UninstallSilent() then
    Exit;
  if MsgBox(Question, mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
  begin
    if Custom <> '' then
      DelTree(Custom, True, True, True);
    DelTree(Default, True, True, True);
  end;
end;
