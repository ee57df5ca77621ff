<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AudienceChoicesModel</name>
    <message>
        <location filename="../../src/kshare/ui/audience_picker.py" line="82"/>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_picker.py" line="83"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
</context>
<context>
    <name>AudienceDialog</name>
    <message>
        <location filename="../../src/kshare/ui/audience_dialog.py" line="24"/>
        <source>Some people who can see this now will lose access: it is removed from their computers at their next sync.</source>
        <translation>Einige Personen, die dies jetzt sehen können, verlieren den Zugriff: Es wird bei ihrer nächsten Synchronisierung von ihren Computern entfernt.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_dialog.py" line="39"/>
        <source>Who can see and edit this</source>
        <translation>Wer dies sehen und bearbeiten kann</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_dialog.py" line="54"/>
        <source>Apply with the edit</source>
        <translation>Mit der Bearbeitung übernehmen</translation>
    </message>
</context>
<context>
    <name>AudienceOptions</name>
    <message>
        <location filename="../../src/kshare/ui/audience_options.py" line="239"/>
        <source>More options</source>
        <translation>Weitere Optionen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_options.py" line="250"/>
        <location filename="../../src/kshare/ui/audience_options.py" line="260"/>
        <source>Can also edit</source>
        <translation>Darf auch bearbeiten</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_options.py" line="252"/>
        <source>Publish at</source>
        <translation>Veröffentlichen am</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_options.py" line="253"/>
        <source>Visible until</source>
        <translation>Sichtbar bis</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_options.py" line="288"/>
        <source>Only you can see it, so only you can edit it.</source>
        <translation>Nur Sie können es sehen, also können nur Sie es bearbeiten.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_options.py" line="291"/>
        <source>Choose among the groups and people who can see it.</source>
        <translation>Wählen Sie unter den Gruppen und Personen, die es sehen können.</translation>
    </message>
</context>
<context>
    <name>AudiencePicker</name>
    <message>
        <location filename="../../src/kshare/ui/audience_picker.py" line="139"/>
        <source>Everyone in the company</source>
        <translation>Alle im Unternehmen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_picker.py" line="140"/>
        <source>Only me (a private note)</source>
        <translation>Nur ich (eine private Notiz)</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_picker.py" line="141"/>
        <source>Specific groups and people</source>
        <translation>Bestimmte Gruppen und Personen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_picker.py" line="152"/>
        <source>Find groups and people</source>
        <translation>Gruppen und Personen suchen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_picker.py" line="153"/>
        <source>Find a group or a person</source>
        <translation>Eine Gruppe oder Person suchen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_picker.py" line="157"/>
        <source>Who can see it</source>
        <translation>Wer es sehen kann</translation>
    </message>
</context>
<context>
    <name>AudienceReachLabel</name>
    <message>
        <location filename="../../src/kshare/ui/audience_reach.py" line="41"/>
        <source>Who will see this</source>
        <translation>Wer dies sehen wird</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_reach.py" line="58"/>
        <source>Choose who may see this.</source>
        <translation>Wählen Sie, wer dies sehen darf.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_reach.py" line="72"/>
        <source>Counting who will see this…</source>
        <translation>Zähle, wer dies sehen wird…</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_reach.py" line="94"/>
        <source>Cannot count who will see this: {reason}</source>
        <translation>Es lässt sich nicht zählen, wer dies sehen wird: {reason}</translation>
    </message>
</context>
<context>
    <name>CollectionsPage</name>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="63"/>
        <source>A note for readers of this entry</source>
        <translation>Eine Notiz für die Leser dieses Eintrags</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="64"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="65"/>
        <source>Save changes</source>
        <translation>Änderungen speichern</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="133"/>
        <source>Saved; sent with the next sync.</source>
        <translation>Gespeichert; wird bei der nächsten Synchronisierung gesendet.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../src/kshare/ui/composer.py" line="41"/>
        <source>Post</source>
        <translation>Beitrag</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/composer.py" line="42"/>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/composer.py" line="43"/>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/composer.py" line="83"/>
        <source>Compose</source>
        <translation>Verfassen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/composer.py" line="87"/>
        <source>Share what you know. It is saved on this computer first and sent at the next sync.</source>
        <translation>Teilen Sie Ihr Wissen. Es wird zuerst auf diesem Computer gespeichert und bei der nächsten Synchronisierung gesendet.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/composer.py" line="95"/>
        <location filename="../../src/kshare/ui/composer.py" line="124"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/composer.py" line="99"/>
        <source>A title that says what it is about</source>
        <translation>Ein Titel, der sagt, worum es geht</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/composer.py" line="103"/>
        <source>Write in Markdown: **bold**, *italic*, `code`, lists with -, links with [text](url)</source>
        <translation>Schreiben Sie in Markdown: **fett**, *kursiv*, `Code`, Listen mit -, Links mit [Text](URL)</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/composer.py" line="110"/>
        <source>kubernetes, on-call</source>
        <translation>kubernetes, bereitschaft</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/composer.py" line="117"/>
        <location filename="../../src/kshare/ui/composer.py" line="242"/>
        <source>Publish</source>
        <translation>Veröffentlichen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/composer.py" line="125"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/composer.py" line="126"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/composer.py" line="127"/>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/composer.py" line="128"/>
        <source>Audience</source>
        <translation>Sichtbarkeit</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/composer.py" line="130"/>
        <source>Who will see this</source>
        <translation>Wer dies sehen wird</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/composer.py" line="242"/>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <location filename="../../src/kshare/ui/text.py" line="87"/>
        <source>{names} and %n more</source>
        <translation>
            <numerusform>{names} und %n weitere</numerusform>
            <numerusform>{names} und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kshare/ui/text.py" line="90"/>
        <source>%n ANSWER(S)</source>
        <translation>
            <numerusform>%n ANTWORT</numerusform>
            <numerusform>%n ANTWORTEN</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kshare/ui/text.py" line="93"/>
        <source>%n version(s)</source>
        <translation>
            <numerusform>%n Version</numerusform>
            <numerusform>%n Versionen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kshare/ui/text.py" line="96"/>
        <source>%n reaction(s)</source>
        <translation>
            <numerusform>%n Reaktion</numerusform>
            <numerusform>%n Reaktionen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kshare/ui/text.py" line="99"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n Mitglied</numerusform>
            <numerusform>%n Mitglieder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kshare/ui/text.py" line="102"/>
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n Gruppe</numerusform>
            <numerusform>%n Gruppen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kshare/ui/text.py" line="105"/>
        <source>%n endorsement(s)</source>
        <translation>
            <numerusform>%n Empfehlung</numerusform>
            <numerusform>%n Empfehlungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kshare/ui/text.py" line="109"/>
        <source>%n people ask to join {group}: answer</source>
        <translation>
            <numerusform>%n Person möchte {group} beitreten: beantworten</numerusform>
            <numerusform>%n Personen möchten {group} beitreten: beantworten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CurationWindow</name>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="275"/>
        <source>kshare — Curation</source>
        <translation>kshare — Kuratierung</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="281"/>
        <source>Collections</source>
        <translation>Sammlungen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="282"/>
        <source>Review due</source>
        <translation>Überprüfung fällig</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="283"/>
        <source>Health report</source>
        <translation>Zustandsbericht</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="284"/>
        <source>Knowledge flow</source>
        <translation>Wissensfluss</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../src/kshare/ui/detail_view.py" line="61"/>
        <source>Select a post to read it here.</source>
        <translation>Wählen Sie einen Beitrag, um ihn hier zu lesen.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/detail_view.py" line="62"/>
        <source>This item is no longer available to you.</source>
        <translation>Dieser Eintrag ist für Sie nicht mehr verfügbar.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/detail_view.py" line="341"/>
        <source>Waiting to sync</source>
        <translation>Wartet auf Synchronisierung</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/detail_view.py" line="344"/>
        <source>Remote images in this post were not loaded, to protect your privacy.</source>
        <translation>Externe Bilder in diesem Beitrag wurden zum Schutz Ihrer Privatsphäre nicht geladen.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/detail_view.py" line="351"/>
        <source>Reading pane</source>
        <translation>Lesebereich</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/detail_view.py" line="572"/>
        <source>Deleted. It disappears for everyone at the next sync.</source>
        <translation>Gelöscht. Bei der nächsten Synchronisierung verschwindet es für alle.</translation>
    </message>
</context>
<context>
    <name>DocumentPanel</name>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="112"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="113"/>
        <location filename="../../src/kshare/ui/document_panel.py" line="355"/>
        <source>Open this version</source>
        <translation>Diese Version öffnen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="114"/>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="123"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="123"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="123"/>
        <source>Shared by</source>
        <translation>Geteilt von</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="123"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="126"/>
        <source>Version history</source>
        <translation>Versionsverlauf</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="200"/>
        <source>Preparing the preview…</source>
        <translation>Vorschau wird vorbereitet…</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="247"/>
        <source>This document has no file.</source>
        <translation>Dieses Dokument hat keine Datei.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="260"/>
        <source>Not downloaded yet. Preview fetches it from the server when you are online.</source>
        <translation>Noch nicht heruntergeladen. „Vorschau“ ruft es vom Server ab, sobald Sie online sind.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="303"/>
        <source>No application on this computer opens {file}; the preview below shows it.</source>
        <translation>Keine Anwendung auf diesem Computer öffnet {file}; die Vorschau unten zeigt die Datei.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="355"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>EntriesModel</name>
    <message>
        <location filename="../../src/kshare/ui/curation/entries_model.py" line="69"/>
        <source>(may be outdated)</source>
        <translation>(möglicherweise veraltet)</translation>
    </message>
</context>
<context>
    <name>EntryCard</name>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="196"/>
        <source>Written {when}</source>
        <translation>Geschrieben {when}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="215"/>
        <source>Yours: {text}</source>
        <translation>Ihre Fassung: {text}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="219"/>
        <source>On the server: {text}</source>
        <translation>Auf dem Server: {text}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="224"/>
        <source>Keep mine</source>
        <translation>Meine behalten</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="225"/>
        <source>Keep mine: {what}</source>
        <translation>Meine behalten: {what}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="226"/>
        <source>Keep theirs</source>
        <translation>Serverfassung behalten</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="227"/>
        <source>Keep theirs: {what}</source>
        <translation>Serverfassung behalten: {what}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="228"/>
        <source>Copy my text</source>
        <translation>Meinen Text kopieren</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="229"/>
        <source>Copy my text: {what}</source>
        <translation>Meinen Text kopieren: {what}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="230"/>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="231"/>
        <source>Discard: {what}</source>
        <translation>Verwerfen: {what}</translation>
    </message>
</context>
<context>
    <name>FlowPage</name>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="245"/>
        <source>Where questions wait longest: tags</source>
        <translation>Wo Fragen am längsten warten: Schlagwörter</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="248"/>
        <source>Where questions wait longest: departments</source>
        <translation>Wo Fragen am längsten warten: Abteilungen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="256"/>
        <source>Export {format}…</source>
        <translation>Als {format} exportieren…</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="264"/>
        <source>Export picture</source>
        <translation>Grafik exportieren</translation>
    </message>
</context>
<context>
    <name>GroupCard</name>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="124"/>
        <source>Join</source>
        <translation>Beitreten</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="124"/>
        <source>Join {group}</source>
        <translation>{group} beitreten</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="126"/>
        <source>Ask to join</source>
        <translation>Beitritt anfragen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="126"/>
        <source>Ask the owners of {group} to join</source>
        <translation>Die Besitzer von {group} um Beitritt bitten</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="129"/>
        <source>Withdraw request</source>
        <translation>Anfrage zurückziehen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="131"/>
        <source>Withdraw your request to join {group}</source>
        <translation>Ihre Beitrittsanfrage für {group} zurückziehen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="133"/>
        <source>Leave</source>
        <translation>Verlassen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="133"/>
        <source>Leave {group}</source>
        <translation>{group} verlassen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="136"/>
        <source>Requests ({count})</source>
        <translation>Anfragen ({count})</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="156"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="156"/>
        <source>Open the page of {group}</source>
        <translation>Die Seite von {group} öffnen</translation>
    </message>
</context>
<context>
    <name>GroupPage</name>
    <message>
        <location filename="../../src/kshare/ui/group_page.py" line="61"/>
        <location filename="../../src/kshare/ui/group_page.py" line="72"/>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/group_page.py" line="64"/>
        <location filename="../../src/kshare/ui/group_page.py" line="74"/>
        <source>Shared with the group</source>
        <translation>Mit der Gruppe geteilt</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/group_page.py" line="82"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/group_page.py" line="97"/>
        <source>This group is not known on this computer.</source>
        <translation>Diese Gruppe ist auf diesem Computer nicht bekannt.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/group_page.py" line="105"/>
        <source>No description yet.</source>
        <translation>Noch keine Beschreibung.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/group_page.py" line="109"/>
        <source>{member} (owner)</source>
        <translation>{member} (Besitzer)</translation>
    </message>
</context>
<context>
    <name>GroupsPage</name>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="191"/>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="192"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="193"/>
        <source>Refresh the list of groups</source>
        <translation>Die Liste der Gruppen aktualisieren</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="203"/>
        <source>Teams, departments and communities. Joining one shows you what its members share, after the next sync; leaving removes it from this computer.</source>
        <translation>Teams, Abteilungen und Communitys. Nach dem Beitritt sehen Sie ab der nächsten Synchronisierung, was die Mitglieder teilen; beim Verlassen wird es von diesem Computer entfernt.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="283"/>
        <source>{groups}; you are in {mine}.</source>
        <translation>{groups}; Sie sind Mitglied in {mine}.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="291"/>
        <source>Groups could not be listed.</source>
        <translation>Die Gruppen konnten nicht aufgelistet werden.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="316"/>
        <source>You can join again at any time.</source>
        <translation>Sie können jederzeit wieder beitreten.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="318"/>
        <source>To come back you will have to ask its owners.</source>
        <translation>Um zurückzukehren, müssen Sie die Besitzer der Gruppe fragen.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="323"/>
        <source>Leave {group}?</source>
        <translation>{group} verlassen?</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="325"/>
        <source>What was shared only with this group is removed from this computer at the next sync. {again}</source>
        <translation>Was nur mit dieser Gruppe geteilt wurde, wird bei der nächsten Synchronisierung von diesem Computer entfernt. {again}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="328"/>
        <source>Leave</source>
        <translation>Verlassen</translation>
    </message>
</context>
<context>
    <name>HealthPage</name>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="190"/>
        <source>Export as HTML…</source>
        <translation>Als HTML exportieren…</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="199"/>
        <source>Asking the server for the report…</source>
        <translation>Der Bericht wird beim Server angefragt…</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="213"/>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="213"/>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <location filename="../../src/kshare/ui/item_editor.py" line="36"/>
        <source>Your answer</source>
        <translation>Ihre Antwort</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/item_editor.py" line="37"/>
        <source>Your comment</source>
        <translation>Ihr Kommentar</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/item_editor.py" line="38"/>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/item_editor.py" line="41"/>
        <source>Post answer</source>
        <translation>Antwort senden</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/item_editor.py" line="42"/>
        <source>Post comment</source>
        <translation>Kommentar senden</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/item_editor.py" line="43"/>
        <source>Save changes</source>
        <translation>Änderungen speichern</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/item_editor.py" line="46"/>
        <source>Share what you know. Markdown works: **bold**, `code`, lists with -</source>
        <translation>Teilen Sie Ihr Wissen. Markdown funktioniert: **fett**, `Code`, Listen mit -</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/item_editor.py" line="49"/>
        <source>Add a comment</source>
        <translation>Einen Kommentar hinzufügen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/item_editor.py" line="94"/>
        <location filename="../../src/kshare/ui/item_editor.py" line="95"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/item_editor.py" line="97"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/item_editor.py" line="102"/>
        <source>Tags: kubernetes, on-call</source>
        <translation>Schlagwörter: kubernetes, bereitschaft</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/item_editor.py" line="103"/>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/item_editor.py" line="104"/>
        <source>Audience…</source>
        <translation>Sichtbarkeit…</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/item_editor.py" line="105"/>
        <source>Change who can see and edit this, and when</source>
        <translation>Ändern, wer dies sehen und bearbeiten kann, und wann</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/item_editor.py" line="111"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/item_editor.py" line="112"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/item_editor.py" line="175"/>
        <source>On save: {summary}</source>
        <translation>Beim Speichern: {summary}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/item_editor.py" line="256"/>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
</context>
<context>
    <name>JoinRequestsDialog</name>
    <message>
        <location filename="../../src/kshare/ui/join_requests_dialog.py" line="33"/>
        <source>No one is waiting to join.</source>
        <translation>Niemand wartet auf den Beitritt.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/join_requests_dialog.py" line="92"/>
        <source>Requests to join {group}</source>
        <translation>Beitrittsanfragen für {group}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/join_requests_dialog.py" line="104"/>
        <source>These people asked to join {group}. Approving lets them see what its members share.</source>
        <translation>Diese Personen möchten {group} beitreten. Wenn Sie annehmen, sehen sie, was die Mitglieder teilen.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/join_requests_dialog.py" line="137"/>
        <source>Asking the server…</source>
        <translation>Der Server wird gefragt…</translation>
    </message>
</context>
<context>
    <name>MentionCompleter</name>
    <message>
        <location filename="../../src/kshare/ui/mention_completer.py" line="97"/>
        <source>People to mention</source>
        <translation>Personen zum Erwähnen</translation>
    </message>
</context>
<context>
    <name>PersonView</name>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="36"/>
        <source>Select a colleague to see what they know.</source>
        <translation>Wählen Sie eine Kollegin oder einen Kollegen, um zu sehen, was sie wissen.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="37"/>
        <source>This profile is not available to you.</source>
        <translation>Dieses Profil ist für Sie nicht verfügbar.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="197"/>
        <location filename="../../src/kshare/ui/person_view.py" line="272"/>
        <source>← Back</source>
        <translation>← Zurück</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="198"/>
        <source>Back to what you were reading</source>
        <translation>Zurück zu dem, was Sie gelesen haben</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="210"/>
        <source>Manage my expertise…</source>
        <translation>Mein Fachwissen verwalten…</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="211"/>
        <source>Manage my expertise profile</source>
        <translation>Mein Fachprofil verwalten</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="213"/>
        <source>Confirm, hide or remove topics, or opt out of listings</source>
        <translation>Themen bestätigen, ausblenden oder entfernen oder sich aus den Listen austragen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="219"/>
        <source>Topics</source>
        <translation>Themen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="223"/>
        <source>Skills</source>
        <translation>Kenntnisse</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="226"/>
        <source>Similar people</source>
        <translation>Ähnliche Personen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="334"/>
        <source>Ask me about: {topics}</source>
        <translation>Fragen Sie mich zu: {topics}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="337"/>
        <source>You chose not to be listed as an expert.</source>
        <translation>Sie haben festgelegt, nicht als Fachperson aufgeführt zu werden.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="340"/>
        <source>{name} chose not to be listed as an expert.</source>
        <translation>{name} möchte nicht als Fachperson aufgeführt werden.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="357"/>
        <source>Nothing yet: topics appear as you write, answer and share.</source>
        <translation>Noch nichts: Themen erscheinen, während Sie schreiben, antworten und teilen.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="359"/>
        <source>Nothing stands out yet.</source>
        <translation>Noch sticht nichts hervor.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="405"/>
        <source>Open {name}&apos;s profile</source>
        <translation>Profil von {name} öffnen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="437"/>
        <source>Could not endorse {name} for {skill}: {reason}</source>
        <translation>{name} konnte nicht für {skill} empfohlen werden: {reason}</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <location filename="../../src/kshare/ui/preview_pane.py" line="62"/>
        <source>Document text</source>
        <translation>Dokumenttext</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/preview_pane.py" line="99"/>
        <source>Page {number} of {count}</source>
        <translation>Seite {number} von {count}</translation>
    </message>
</context>
<context>
    <name>ReactionBar</name>
    <message>
        <location filename="../../src/kshare/ui/reactions.py" line="79"/>
        <source>Take back your {reaction}</source>
        <translation>Ihr „{reaction}“ zurücknehmen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/reactions.py" line="81"/>
        <source>React with {reaction}</source>
        <translation>Mit „{reaction}“ reagieren</translation>
    </message>
</context>
<context>
    <name>RequestRow</name>
    <message>
        <location filename="../../src/kshare/ui/join_requests_dialog.py" line="52"/>
        <source>asked {when}</source>
        <translation>angefragt {when}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/join_requests_dialog.py" line="55"/>
        <source>Approve</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/join_requests_dialog.py" line="57"/>
        <source>Approve {name}</source>
        <translation>{name} annehmen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/join_requests_dialog.py" line="59"/>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/join_requests_dialog.py" line="61"/>
        <source>Decline {name}</source>
        <translation>{name} ablehnen</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="142"/>
        <source>Nothing needs review.</source>
        <translation>Nichts muss überprüft werden.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="143"/>
        <source>Still right: verify again</source>
        <translation>Noch richtig: erneut bestätigen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/curation/window.py" line="163"/>
        <source>(review by {date})</source>
        <translation>(überprüfen bis {date})</translation>
    </message>
</context>
<context>
    <name>ShareDocumentDialog</name>
    <message>
        <location filename="../../src/kshare/ui/share_dialog.py" line="67"/>
        <source>Share a document</source>
        <translation>Ein Dokument teilen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/share_dialog.py" line="76"/>
        <source>A title (the file name when left empty)</source>
        <translation>Ein Titel (leer gelassen: der Dateiname)</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/share_dialog.py" line="81"/>
        <source>Each file keeps its own name as its title</source>
        <translation>Jede Datei behält ihren eigenen Namen als Titel</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/share_dialog.py" line="83"/>
        <source>onboarding, handbook</source>
        <translation>einarbeitung, handbuch</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/share_dialog.py" line="89"/>
        <location filename="../../src/kshare/ui/share_dialog.py" line="150"/>
        <source>Share</source>
        <translation>Teilen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/share_dialog.py" line="96"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/share_dialog.py" line="97"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/share_dialog.py" line="98"/>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/share_dialog.py" line="99"/>
        <source>Audience</source>
        <translation>Sichtbarkeit</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/share_dialog.py" line="100"/>
        <source>Who will see this</source>
        <translation>Wer dies sehen wird</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/share_dialog.py" line="127"/>
        <source>Sharing…</source>
        <translation>Wird geteilt…</translation>
    </message>
</context>
<context>
    <name>SkillRow</name>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="134"/>
        <location filename="../../src/kshare/ui/person_view.py" line="162"/>
        <source>Endorse</source>
        <translation>Empfehlen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="136"/>
        <source>Endorse {person} for {skill}</source>
        <translation>{person} für {skill} empfehlen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="139"/>
        <source>Vouch that {person} knows {skill}</source>
        <translation>Bestätigen, dass {person} sich mit {skill} auskennt</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="153"/>
        <source>Endorsed</source>
        <translation>Empfohlen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="155"/>
        <source>You endorsed this; it is sent at the next sync</source>
        <translation>Sie haben dies empfohlen; es wird bei der nächsten Synchronisierung gesendet</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="158"/>
        <source>Endorsing…</source>
        <translation>Wird empfohlen…</translation>
    </message>
</context>
<context>
    <name>TagPage</name>
    <message>
        <location filename="../../src/kshare/ui/tag_page.py" line="49"/>
        <location filename="../../src/kshare/ui/tag_page.py" line="60"/>
        <source>Top content</source>
        <translation>Top-Inhalte</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/tag_page.py" line="51"/>
        <source>People who know this</source>
        <translation>Personen, die sich damit auskennen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/tag_page.py" line="62"/>
        <source>People who know about it</source>
        <translation>Personen, die sich damit auskennen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/tag_page.py" line="70"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
</context>
<context>
    <name>TaskLabel</name>
    <message>
        <location filename="../../src/kshare/ui/detail_view.py" line="422"/>
        <source>opening the item</source>
        <translation>Öffnen des Eintrags</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/detail_view.py" line="541"/>
        <source>finding people who might know</source>
        <translation>Suchen nach Personen mit passendem Wissen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/detail_view.py" line="595"/>
        <source>finding the person mentioned</source>
        <translation>Suchen der erwähnten Person</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/composer.py" line="183"/>
        <location filename="../../src/kshare/ui/share_dialog.py" line="110"/>
        <source>loading groups and people</source>
        <translation>Laden der Gruppen und Personen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/composer.py" line="220"/>
        <source>saving your post</source>
        <translation>Speichern Ihres Beitrags</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_reach.py" line="77"/>
        <source>counting who will see this</source>
        <translation>Zählen der Empfänger</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/share_dialog.py" line="138"/>
        <source>sharing your files</source>
        <translation>Teilen Ihrer Dateien</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="165"/>
        <location filename="../../src/kshare/ui/document_panel.py" line="320"/>
        <source>reading the document&apos;s versions</source>
        <translation>Lesen der Dokumentversionen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="205"/>
        <source>preparing the preview</source>
        <translation>Vorbereiten der Vorschau</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="217"/>
        <source>fetching the file</source>
        <translation>Abrufen der Datei</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="235"/>
        <source>saving a copy of the file</source>
        <translation>Speichern einer Kopie der Datei</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="284"/>
        <source>reading the expertise profile</source>
        <translation>Lesen des Fachprofils</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="423"/>
        <source>saving your endorsement</source>
        <translation>Speichern Ihrer Empfehlung</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="251"/>
        <source>listing groups</source>
        <translation>Auflisten der Gruppen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="306"/>
        <source>joining the group</source>
        <translation>Beitreten zur Gruppe</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="336"/>
        <source>leaving the group</source>
        <translation>Verlassen der Gruppe</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/group_page.py" line="87"/>
        <source>opening the group</source>
        <translation>Öffnen der Gruppe</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/tag_page.py" line="75"/>
        <source>opening the tag</source>
        <translation>Öffnen des Schlagworts</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/join_requests_dialog.py" line="143"/>
        <source>reading the requests to join</source>
        <translation>Lesen der Beitrittsanfragen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/join_requests_dialog.py" line="199"/>
        <source>approving the request</source>
        <translation>Annehmen der Anfrage</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/join_requests_dialog.py" line="201"/>
        <source>declining the request</source>
        <translation>Ablehnen der Anfrage</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="307"/>
        <source>reading what could not be published</source>
        <translation>Lesen der nicht veröffentlichten Einträge</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="341"/>
        <source>keeping your version</source>
        <translation>Behalten Ihrer Fassung</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="343"/>
        <source>keeping the server&apos;s version</source>
        <translation>Behalten der Serverfassung</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="360"/>
        <source>discarding</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/operations.py" line="81"/>
        <source>working</source>
        <translation>Arbeiten</translation>
    </message>
</context>
<context>
    <name>TimeField</name>
    <message>
        <location filename="../../src/kshare/ui/audience_options.py" line="45"/>
        <source>d MMM yyyy, HH:mm</source>
        <translation>d. MMM yyyy, HH:mm</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_options.py" line="195"/>
        <source>Local time</source>
        <translation>Ortszeit</translation>
    </message>
</context>
<context>
    <name>TopicRow</name>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="99"/>
        <source>Strength {percent}% of their strongest topic</source>
        <translation>Stärke {percent} % ihres stärksten Themas</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="101"/>
        <source>✓ Confirmed</source>
        <translation>✓ Bestätigt</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="102"/>
        <source>They confirmed they know this</source>
        <translation>Die Person hat bestätigt, dass sie sich damit auskennt</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="105"/>
        <source>{topic}, strength {percent} percent, confirmed</source>
        <translation>{topic}, Stärke {percent} Prozent, bestätigt</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="107"/>
        <source>{topic}, strength {percent} percent</source>
        <translation>{topic}, Stärke {percent} Prozent</translation>
    </message>
</context>
<context>
    <name>UnpublishedDialog</name>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="38"/>
        <source>Everything you wrote has reached the server.</source>
        <translation>Alles, was Sie geschrieben haben, ist beim Server angekommen.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="267"/>
        <source>Could not publish</source>
        <translation>Nicht veröffentlicht</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="276"/>
        <source>These did not reach the server. Nothing here is sent again unless you choose to.</source>
        <translation>Diese Einträge sind nicht beim Server angekommen. Nichts davon wird erneut gesendet, außer Sie entscheiden sich dafür.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="350"/>
        <source>Discard this?</source>
        <translation>Verwerfen?</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="352"/>
        <source>What you wrote is deleted from this computer. Copy your text first if you want to keep it.</source>
        <translation>Was Sie geschrieben haben, wird von diesem Computer gelöscht. Kopieren Sie Ihren Text vorher, wenn Sie ihn behalten möchten.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="355"/>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
</context>
<context>
    <name>audience_options</name>
    <message>
        <location filename="../../src/kshare/ui/audience_options.py" line="56"/>
        <source>{day}, {time}</source>
        <translation>{day}, {time}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_options.py" line="70"/>
        <source>from {when}</source>
        <translation>ab {when}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_options.py" line="74"/>
        <source>until {when}</source>
        <translation>bis {when}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_options.py" line="78"/>
        <location filename="../../src/kshare/ui/audience_options.py" line="107"/>
        <source>{names} can edit</source>
        <translation>{names} darf bearbeiten</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_options.py" line="88"/>
        <source>{names} and {last}</source>
        <translation>{names} und {last}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_options.py" line="113"/>
        <source>Scheduled for {when}</source>
        <translation>Geplant für {when}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/audience_options.py" line="119"/>
        <source>Visible until {when}</source>
        <translation>Sichtbar bis {when}</translation>
    </message>
</context>
<context>
    <name>detail_view</name>
    <message>
        <location filename="../../src/kshare/ui/detail_view.py" line="65"/>
        <source>{author}&apos;s answer</source>
        <translation>Antwort von {author}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/detail_view.py" line="66"/>
        <source>{author}&apos;s comment</source>
        <translation>Kommentar von {author}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/detail_view.py" line="187"/>
        <source>Remote image not loaded</source>
        <translation>Externes Bild nicht geladen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/detail_view.py" line="224"/>
        <source>✓ Accepted answer</source>
        <translation>✓ Akzeptierte Antwort</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/detail_view.py" line="228"/>
        <source>Waiting to sync</source>
        <translation>Wartet auf Synchronisierung</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/detail_view.py" line="230"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/detail_view.py" line="254"/>
        <source>Answered by</source>
        <translation>Beantwortet von</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/detail_view.py" line="257"/>
        <source>COMMENTS</source>
        <translation>KOMMENTARE</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/detail_view.py" line="279"/>
        <source>in {groups}</source>
        <translation>in {groups}</translation>
    </message>
</context>
<context>
    <name>document_panel</name>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="51"/>
        <source>{size} bytes</source>
        <translation>{size} Byte</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="53"/>
        <source>{size} KB</source>
        <translation>{size} KB</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="56"/>
        <source>{size} MB</source>
        <translation>{size} MB</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="64"/>
        <source>{file} · on this computer · {versions}</source>
        <translation>{file} · auf diesem Computer · {versions}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="68"/>
        <source>{file} · Not downloaded yet: it is fetched when you preview, open or save it · {versions}</source>
        <translation>{file} · Noch nicht heruntergeladen: Die Datei wird abgerufen, wenn Sie sie in der Vorschau anzeigen, öffnen oder speichern · {versions}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="79"/>
        <source>On this computer</source>
        <translation>Auf diesem Computer</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="81"/>
        <source>Not downloaded yet</source>
        <translation>Noch nicht heruntergeladen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="86"/>
        <source>Save {name} as</source>
        <translation>{name} speichern unter</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="268"/>
        <source>{number} (current)</source>
        <translation>{number} (aktuell)</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/document_panel.py" line="274"/>
        <source>not sent yet</source>
        <translation>noch nicht gesendet</translation>
    </message>
</context>
<context>
    <name>group_page</name>
    <message>
        <location filename="../../src/kshare/ui/group_page.py" line="20"/>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/group_page.py" line="21"/>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/group_page.py" line="22"/>
        <source>Community</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/group_page.py" line="25"/>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/group_page.py" line="26"/>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/group_page.py" line="27"/>
        <source>secret</source>
        <translation>geheim</translation>
    </message>
</context>
<context>
    <name>groups_page</name>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="39"/>
        <source>No groups you may join yet.</source>
        <translation>Noch keine Gruppen, denen Sie beitreten können.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="40"/>
        <source>Asking the server for groups…</source>
        <translation>Die Gruppen werden beim Server angefragt…</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="42"/>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="43"/>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="44"/>
        <source>Community</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="47"/>
        <source>Open: anyone may join</source>
        <translation>Offen: Alle dürfen beitreten</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="48"/>
        <source>Closed: an owner approves who joins</source>
        <translation>Geschlossen: Ein Besitzer entscheidet über den Beitritt</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/groups_page.py" line="49"/>
        <source>Secret: members only</source>
        <translation>Geheim: nur für Mitglieder</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <location filename="../../src/kshare/ui/operations.py" line="82"/>
        <source>Something went wrong while {label}.</source>
        <translation>Beim {label} ist ein Fehler aufgetreten.</translation>
    </message>
</context>
<context>
    <name>person_view</name>
    <message>
        <location filename="../../src/kshare/ui/person_view.py" line="82"/>
        <source>no endorsements yet</source>
        <translation>noch keine Empfehlungen</translation>
    </message>
</context>
<context>
    <name>pictures</name>
    <message>
        <location filename="../../src/kshare/ui/curation/pictures.py" line="53"/>
        <source>Who answers whose questions</source>
        <translation>Wer wessen Fragen beantwortet</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/curation/pictures.py" line="79"/>
        <source>{title} (median days to a first answer)</source>
        <translation>{title} (Median der Tage bis zur ersten Antwort)</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/curation/pictures.py" line="92"/>
        <source>{days} d</source>
        <translation>{days} T.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/curation/pictures.py" line="103"/>
        <source>Who connects otherwise separate groups</source>
        <translation>Wer sonst getrennte Gruppen verbindet</translation>
    </message>
</context>
<context>
    <name>reactions</name>
    <message>
        <location filename="../../src/kshare/ui/reactions.py" line="15"/>
        <source>Thumbs up</source>
        <translation>Daumen hoch</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/reactions.py" line="16"/>
        <source>Heart</source>
        <translation>Herz</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/reactions.py" line="17"/>
        <source>Celebrate</source>
        <translation>Feiern</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/reactions.py" line="18"/>
        <source>Insightful</source>
        <translation>Aufschlussreich</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/reactions.py" line="19"/>
        <source>Thanks</source>
        <translation>Danke</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/reactions.py" line="40"/>
        <source>{name}, {reactions}, including yours</source>
        <translation>{name}, {reactions}, Ihre eingeschlossen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/reactions.py" line="43"/>
        <source>{name}, {reactions}</source>
        <translation>{name}, {reactions}</translation>
    </message>
</context>
<context>
    <name>tag_page</name>
    <message>
        <location filename="../../src/kshare/ui/tag_page.py" line="26"/>
        <source>{kind} by {author}</source>
        <translation>{kind} von {author}</translation>
    </message>
</context>
<context>
    <name>text</name>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="27"/>
        <source>Post</source>
        <translation>Beitrag</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="28"/>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="29"/>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="30"/>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="31"/>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="32"/>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="33"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="36"/>
        <source>January</source>
        <translation>Januar</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="37"/>
        <source>February</source>
        <translation>Februar</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="38"/>
        <source>March</source>
        <translation>März</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="39"/>
        <source>April</source>
        <translation>April</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="40"/>
        <location filename="../../src/kshare/ui/text.py" line="54"/>
        <source>May</source>
        <translation>Mai</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="41"/>
        <source>June</source>
        <translation>Juni</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="42"/>
        <source>July</source>
        <translation>Juli</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="43"/>
        <source>August</source>
        <translation>August</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="44"/>
        <source>September</source>
        <translation>September</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="45"/>
        <source>October</source>
        <translation>Oktober</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="46"/>
        <source>November</source>
        <translation>November</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="47"/>
        <source>December</source>
        <translation>Dezember</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="50"/>
        <source>Jan</source>
        <translation>Jan.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="51"/>
        <source>Feb</source>
        <translation>Feb.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="52"/>
        <source>Mar</source>
        <translation>März</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="53"/>
        <source>Apr</source>
        <translation>Apr.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="55"/>
        <source>Jun</source>
        <translation>Juni</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="56"/>
        <source>Jul</source>
        <translation>Juli</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="57"/>
        <source>Aug</source>
        <translation>Aug.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="58"/>
        <source>Sep</source>
        <translation>Sept.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="59"/>
        <source>Oct</source>
        <translation>Okt.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="60"/>
        <source>Nov</source>
        <translation>Nov.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="61"/>
        <source>Dec</source>
        <translation>Dez.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="129"/>
        <source>{day} {month} {year}</source>
        <translation>{day}. {month} {year}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="132"/>
        <source>{day} {month}</source>
        <translation>{day}. {month}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="148"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="153"/>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="155"/>
        <source>{minutes} min ago</source>
        <translation>vor {minutes} Min.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="159"/>
        <source>{hours} h ago</source>
        <translation>vor {hours} Std.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="163"/>
        <source>yesterday</source>
        <translation>gestern</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="173"/>
        <source>{day} {month} {year}, {time}</source>
        <translation>{day}. {month} {year}, {time}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="181"/>
        <source>Visible to: only you</source>
        <translation>Sichtbar für: nur Sie</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="183"/>
        <source>Visible to: everyone in the company</source>
        <translation>Sichtbar für: alle im Unternehmen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="185"/>
        <source>Choose who can see this</source>
        <translation>Wählen Sie, wer dies sehen kann</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/text.py" line="188"/>
        <location filename="../../src/kshare/ui/text.py" line="189"/>
        <source>Visible to: {names}</source>
        <translation>Sichtbar für: {names}</translation>
    </message>
</context>
<context>
    <name>unpublished_dialog</name>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="41"/>
        <source>Deleting an item</source>
        <translation>Löschen eines Eintrags</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="42"/>
        <source>Taking back a reaction</source>
        <translation>Zurücknehmen einer Reaktion</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="43"/>
        <source>Uploading a file</source>
        <translation>Hochladen einer Datei</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="44"/>
        <source>Accepting an answer</source>
        <translation>Akzeptieren einer Antwort</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="45"/>
        <source>A change to your profile</source>
        <translation>Eine Änderung an Ihrem Profil</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="46"/>
        <source>An endorsement</source>
        <translation>Eine Empfehlung</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="78"/>
        <source>“{text}”</source>
        <translation>„{text}“</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="86"/>
        <source>group {name}</source>
        <translation>Gruppe {name}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="87"/>
        <source>person {name}</source>
        <translation>Person {name}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="90"/>
        <source>everyone in the company</source>
        <translation>alle im Unternehmen</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="92"/>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="98"/>
        <source>only you</source>
        <translation>nur Sie</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="97"/>
        <source>Visible to: {who}</source>
        <translation>Sichtbar für: {who}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="105"/>
        <source>can also edit: {who}</source>
        <translation>dürfen auch bearbeiten: {who}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="111"/>
        <source>from {when}</source>
        <translation>ab {when}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="117"/>
        <source>until {when}</source>
        <translation>bis {when}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="135"/>
        <source>Your new {kind} {title}</source>
        <translation>Neu von Ihnen: {Kind} {title}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="149"/>
        <source>Your change of who can see {title}</source>
        <translation>Ihre Änderung, wer {title} sehen kann</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="153"/>
        <source>Your edit of {title}</source>
        <translation>Ihre Bearbeitung von {title}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="158"/>
        <source>Your reaction {emoji}</source>
        <translation>Ihre Reaktion {emoji}</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="166"/>
        <source>It was changed on the server before your edit arrived. Choose which to keep.</source>
        <translation>Es wurde auf dem Server geändert, bevor Ihre Bearbeitung ankam. Wählen Sie, welche Fassung bleiben soll.</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="171"/>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <location filename="../../src/kshare/ui/unpublished_dialog.py" line="174"/>
        <source>The server refused it: {reason}.</source>
        <translation>Der Server hat es abgelehnt: {reason}.</translation>
    </message>
</context>
</TS>
