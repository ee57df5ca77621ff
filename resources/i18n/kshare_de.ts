<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation>nicht angemeldet</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>Angemeldet als</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hilfe</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>Updates</translation>
    </message>
    <message>
        <source>Your company&apos;s knowledge, searchable offline: posts, questions and answers, documents and the people who know.</source>
        <translation>Das Wissen Ihres Unternehmens, auch offline durchsuchbar: Beiträge, Fragen und Antworten, Dokumente und die Menschen, die sich auskennen.</translation>
    </message>
    <message>
        <source>About kshare</source>
        <translation>Über kshare</translation>
    </message>
</context>
<context>
    <name>AudienceChoicesModel</name>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
</context>
<context>
    <name>AudienceDialog</name>
    <message>
        <source>Some people who can see this now will lose access: it is removed from their computers at their next sync.</source>
        <translation>Einige Personen, die dies jetzt sehen können, verlieren den Zugriff: Es wird bei ihrer nächsten Synchronisierung von ihren Computern entfernt.</translation>
    </message>
    <message>
        <source>Who can see and edit this</source>
        <translation>Wer dies sehen und bearbeiten kann</translation>
    </message>
    <message>
        <source>Apply with the edit</source>
        <translation>Mit der Bearbeitung übernehmen</translation>
    </message>
</context>
<context>
    <name>AudienceOptions</name>
    <message>
        <source>More options</source>
        <translation>Weitere Optionen</translation>
    </message>
    <message>
        <source>Can also edit</source>
        <translation>Darf auch bearbeiten</translation>
    </message>
    <message>
        <source>Publish at</source>
        <translation>Veröffentlichen am</translation>
    </message>
    <message>
        <source>Visible until</source>
        <translation>Sichtbar bis</translation>
    </message>
    <message>
        <source>Only you can see it, so only you can edit it.</source>
        <translation>Nur Sie können es sehen, also können nur Sie es bearbeiten.</translation>
    </message>
    <message>
        <source>Choose among the groups and people who can see it.</source>
        <translation>Wählen Sie unter den Gruppen und Personen, die es sehen können.</translation>
    </message>
</context>
<context>
    <name>AudiencePicker</name>
    <message>
        <source>Everyone in the company</source>
        <translation>Alle im Unternehmen</translation>
    </message>
    <message>
        <source>Only me (a private note)</source>
        <translation>Nur ich (eine private Notiz)</translation>
    </message>
    <message>
        <source>Specific groups and people</source>
        <translation>Bestimmte Gruppen und Personen</translation>
    </message>
    <message>
        <source>Find groups and people</source>
        <translation>Gruppen und Personen suchen</translation>
    </message>
    <message>
        <source>Find a group or a person</source>
        <translation>Eine Gruppe oder Person suchen</translation>
    </message>
    <message>
        <source>Who can see it</source>
        <translation>Wer es sehen kann</translation>
    </message>
</context>
<context>
    <name>AudienceReach</name>
    <message>
        <source>{count} person will see this</source>
        <translation>{count} Person wird dies sehen</translation>
    </message>
    <message>
        <source>{count} people will see this</source>
        <translation>{count} Personen werden dies sehen</translation>
    </message>
    <message>
        <source>{count} person will see this · through {groups}</source>
        <translation>{count} Person wird dies sehen · über {groups}</translation>
    </message>
    <message>
        <source>{count} people will see this · through {groups}</source>
        <translation>{count} Personen werden dies sehen · über {groups}</translation>
    </message>
    <message>
        <source>about {count} person will see this (estimate: offline)</source>
        <translation>etwa {count} Person wird dies sehen (Schätzung: offline)</translation>
    </message>
    <message>
        <source>about {count} people will see this (estimate: offline)</source>
        <translation>etwa {count} Personen werden dies sehen (Schätzung: offline)</translation>
    </message>
    <message>
        <source>about {count} person will see this · through {groups} (estimate: offline)</source>
        <translation>etwa {count} Person wird dies sehen · über {groups} (Schätzung: offline)</translation>
    </message>
    <message>
        <source>about {count} people will see this · through {groups} (estimate: offline)</source>
        <translation>etwa {count} Personen werden dies sehen · über {groups} (Schätzung: offline)</translation>
    </message>
    <message>
        <source>Much wider than usual: your posts usually reach about {usual} person, this one {people}.</source>
        <translation>Viel breiter als sonst: Ihre Beiträge erreichen meist etwa {usual} Person, dieser {people}.</translation>
    </message>
    <message>
        <source>Much wider than usual: your posts usually reach about {usual} people, this one {people}.</source>
        <translation>Viel breiter als sonst: Ihre Beiträge erreichen meist etwa {usual} Personen, dieser {people}.</translation>
    </message>
</context>
<context>
    <name>AudienceReachLabel</name>
    <message>
        <source>Who will see this</source>
        <translation>Wer dies sehen wird</translation>
    </message>
    <message>
        <source>Choose who may see this.</source>
        <translation>Wählen Sie, wer dies sehen darf.</translation>
    </message>
    <message>
        <source>Counting who will see this…</source>
        <translation>Zähle, wer dies sehen wird…</translation>
    </message>
    <message>
        <source>Cannot count who will see this: {reason}</source>
        <translation>Es lässt sich nicht zählen, wer dies sehen wird: {reason}</translation>
    </message>
</context>
<context>
    <name>CardDelegate</name>
    <message>
        <source>Waiting to sync</source>
        <translation>Wartet auf Synchronisierung</translation>
    </message>
</context>
<context>
    <name>CollectionChange</name>
    <message>
        <source>{count} entry added</source>
        <translation>{count} Eintrag hinzugefügt</translation>
    </message>
    <message>
        <source>{count} entries added</source>
        <translation>{count} Einträge hinzugefügt</translation>
    </message>
    <message>
        <source>{count} entry removed</source>
        <translation>{count} Eintrag entfernt</translation>
    </message>
    <message>
        <source>{count} entries removed</source>
        <translation>{count} Einträge entfernt</translation>
    </message>
    <message>
        <source>{count} entry moved</source>
        <translation>{count} Eintrag verschoben</translation>
    </message>
    <message>
        <source>{count} entries moved</source>
        <translation>{count} Einträge verschoben</translation>
    </message>
    <message>
        <source>{count} note changed</source>
        <translation>{count} Notiz geändert</translation>
    </message>
    <message>
        <source>{count} notes changed</source>
        <translation>{count} Notizen geändert</translation>
    </message>
    <message>
        <source>renamed</source>
        <translation>umbenannt</translation>
    </message>
    <message>
        <source>description changed</source>
        <translation>Beschreibung geändert</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
</context>
<context>
    <name>CollectionPane</name>
    <message>
        <source>Select a collection to read it here.</source>
        <translation>Wählen Sie eine Sammlung, um sie hier zu lesen.</translation>
    </message>
    <message>
        <source>This collection is no longer available to you.</source>
        <translation>Diese Sammlung ist für Sie nicht mehr verfügbar.</translation>
    </message>
    <message>
        <source>may be outdated</source>
        <translation>möglicherweise veraltet</translation>
    </message>
    <message>
        <source>Open in curation…</source>
        <translation>In der Kuratierung öffnen…</translation>
    </message>
    <message>
        <source>Change its entries, order and notes</source>
        <translation>Einträge, Reihenfolge und Notizen der Sammlung ändern</translation>
    </message>
    <message>
        <source>Nothing in this collection yet.</source>
        <translation>Noch nichts in dieser Sammlung.</translation>
    </message>
    <message>
        <source>Entries of the collection</source>
        <translation>Einträge der Sammlung</translation>
    </message>
    <message>
        <source>Curated by {names}</source>
        <translation>Kuratiert von {names}</translation>
    </message>
    <message>
        <source>Open {name}&apos;s profile</source>
        <translation>Profil von {name} öffnen</translation>
    </message>
    <message>
        <source>Open “{title}”</source>
        <translation>„{title}“ öffnen</translation>
    </message>
</context>
<context>
    <name>CollectionsPage</name>
    <message>
        <source>Follow</source>
        <translation>Folgen</translation>
    </message>
    <message>
        <source>Hear in your inbox when this collection changes</source>
        <translation>Im Posteingang erfahren, wenn sich diese Sammlung ändert</translation>
    </message>
    <message>
        <source>A note for readers of this entry</source>
        <translation>Eine Notiz für die Leser dieses Eintrags</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Änderungen speichern</translation>
    </message>
    <message>
        <source>Following</source>
        <translation>Folge ich</translation>
    </message>
    <message>
        <source>Saved; sent with the next sync.</source>
        <translation>Gespeichert; wird bei der nächsten Synchronisierung gesendet.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Post</source>
        <translation>Beitrag</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Compose</source>
        <translation>Verfassen</translation>
    </message>
    <message>
        <source>Share what you know. It is saved on this computer first and sent at the next sync.</source>
        <translation>Teilen Sie Ihr Wissen. Es wird zuerst auf diesem Computer gespeichert und bei der nächsten Synchronisierung gesendet.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>A title that says what it is about</source>
        <translation>Ein Titel, der sagt, worum es geht</translation>
    </message>
    <message>
        <source>Write in Markdown: **bold**, *italic*, `code`, lists with -, links with [text](url)</source>
        <translation>Schreiben Sie in Markdown: **fett**, *kursiv*, `Code`, Listen mit -, Links mit [Text](URL)</translation>
    </message>
    <message>
        <source>kubernetes, on-call</source>
        <translation>kubernetes, bereitschaft</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Veröffentlichen</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Sichtbarkeit</translation>
    </message>
    <message>
        <source>Who will see this</source>
        <translation>Wer dies sehen wird</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>{names} and %n more</source>
        <translation>
            <numerusform>{names} und %n weitere</numerusform>
            <numerusform>{names} und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ANSWER(S)</source>
        <translation>
            <numerusform>%n ANTWORT</numerusform>
            <numerusform>%n ANTWORTEN</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n version(s)</source>
        <translation>
            <numerusform>%n Version</numerusform>
            <numerusform>%n Versionen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reaction(s)</source>
        <translation>
            <numerusform>%n Reaktion</numerusform>
            <numerusform>%n Reaktionen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n Mitglied</numerusform>
            <numerusform>%n Mitglieder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n Gruppe</numerusform>
            <numerusform>%n Gruppen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n endorsement(s)</source>
        <translation>
            <numerusform>%n Empfehlung</numerusform>
            <numerusform>%n Empfehlungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people ask to join {group}: answer</source>
        <translation>
            <numerusform>%n Person möchte {group} beitreten: beantworten</numerusform>
            <numerusform>%n Personen möchten {group} beitreten: beantworten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>kshare ran into a problem</source>
        <translation>In kshare ist ein Problem aufgetreten</translation>
    </message>
    <message>
        <source>Something went wrong inside kshare. Your posts and drafts in the outbox are safe. Please copy this report and send it to your IT team.</source>
        <translation>In kshare ist etwas schiefgegangen. Ihre Beiträge und Entwürfe im Postausgang sind sicher. Bitte kopieren Sie diesen Bericht und senden Sie ihn an Ihre IT-Abteilung.</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>Bericht kopieren</translation>
    </message>
</context>
<context>
    <name>CurationEntry</name>
    <message>
        <source>Answer to: {title}</source>
        <translation>Antwort auf: {title}</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
</context>
<context>
    <name>CurationReview</name>
    <message>
        <source>past its review date</source>
        <translation>Überprüfungsdatum überschritten</translation>
    </message>
    <message>
        <source>its author has left</source>
        <translation>die verfassende Person hat das Unternehmen verlassen</translation>
    </message>
    <message>
        <source>the document changed since it was verified</source>
        <translation>das Dokument hat sich seit der Bestätigung geändert</translation>
    </message>
    <message>
        <source>a former colleague</source>
        <translation>eine ehemalige Kollegin oder ein ehemaliger Kollege</translation>
    </message>
    <message>
        <source>Verified by {name} on {date}</source>
        <translation>Bestätigt von {name} am {date}</translation>
    </message>
    <message>
        <source>Verified by {name} on {date} · may be outdated</source>
        <translation>Bestätigt von {name} am {date} · möglicherweise veraltet</translation>
    </message>
    <message>
        <source>Verified by {name} on {date} · needs review: {reasons}</source>
        <translation>Bestätigt von {name} am {date} · muss überprüft werden: {reasons}</translation>
    </message>
</context>
<context>
    <name>CurationWindow</name>
    <message>
        <source>kshare — Curation</source>
        <translation>kshare — Kuratierung</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>Sammlungen</translation>
    </message>
    <message>
        <source>Review due</source>
        <translation>Überprüfung fällig</translation>
    </message>
    <message>
        <source>Health report</source>
        <translation>Zustandsbericht</translation>
    </message>
    <message>
        <source>Knowledge flow</source>
        <translation>Wissensfluss</translation>
    </message>
</context>
<context>
    <name>DesktopNotifier</name>
    <message numerus="yes">
        <source>%n new in your inbox</source>
        <translation>
            <numerusform>%n Neuigkeit in Ihrem Posteingang</numerusform>
            <numerusform>%n Neuigkeiten in Ihrem Posteingang</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Select a post to read it here.</source>
        <translation>Wählen Sie einen Beitrag, um ihn hier zu lesen.</translation>
    </message>
    <message>
        <source>This item is no longer available to you.</source>
        <translation>Dieser Eintrag ist für Sie nicht mehr verfügbar.</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>Wartet auf Synchronisierung</translation>
    </message>
    <message>
        <source>Remote images in this post were not loaded, to protect your privacy.</source>
        <translation>Externe Bilder in diesem Beitrag wurden zum Schutz Ihrer Privatsphäre nicht geladen.</translation>
    </message>
    <message>
        <source>Reading pane</source>
        <translation>Lesebereich</translation>
    </message>
    <message>
        <source>Deleted. It disappears for everyone at the next sync.</source>
        <translation>Gelöscht. Bei der nächsten Synchronisierung verschwindet es für alle.</translation>
    </message>
</context>
<context>
    <name>DevicesSection</name>
    <message>
        <source>A computer</source>
        <translation>Ein Computer</translation>
    </message>
    <message>
        <source> — this computer</source>
        <translation> — dieser Computer</translation>
    </message>
    <message>
        <source>unknown system</source>
        <translation>unbekanntes System</translation>
    </message>
    <message>
        <source>{name}{here}
{system} · kshare {version} · last seen {seen}</source>
        <translation>{name}{here}
{system} · kshare {version} · zuletzt aktiv {seen}</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Computers you are signed in on</source>
        <translation>Computer, auf denen Sie angemeldet sind</translation>
    </message>
    <message>
        <source>Sign out this device</source>
        <translation>Dieses Gerät abmelden</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>Passwort ändern…</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Server wird gefragt…</translation>
    </message>
    <message numerus="yes">
        <source>Signed in on %Ln device(s).</source>
        <translation>
            <numerusform>Auf %Ln Gerät angemeldet.</numerusform>
            <numerusform>Auf %Ln Geräten angemeldet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Changing your password…</source>
        <translation>Ihr Passwort wird geändert…</translation>
    </message>
    <message>
        <source>Password changed; your other devices were signed out.</source>
        <translation>Passwort geändert; Ihre anderen Geräte wurden abgemeldet.</translation>
    </message>
</context>
<context>
    <name>DocumentPanel</name>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Open this version</source>
        <translation>Diese Version öffnen</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Shared by</source>
        <translation>Geteilt von</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Version history</source>
        <translation>Versionsverlauf</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>Vorschau wird vorbereitet…</translation>
    </message>
    <message>
        <source>This document has no file.</source>
        <translation>Dieses Dokument hat keine Datei.</translation>
    </message>
    <message>
        <source>Not downloaded yet. Preview fetches it from the server when you are online.</source>
        <translation>Noch nicht heruntergeladen. „Vorschau“ ruft es vom Server ab, sobald Sie online sind.</translation>
    </message>
    <message>
        <source>No application on this computer opens {file}; the preview below shows it.</source>
        <translation>Keine Anwendung auf diesem Computer öffnet {file}; die Vorschau unten zeigt die Datei.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>DocumentPreview</name>
    <message>
        <source>{filename} has no preview here.</source>
        <translation>Für {filename} gibt es hier keine Vorschau.</translation>
    </message>
    <message>
        <source>{filename} is too large to preview.</source>
        <translation>{filename} ist für eine Vorschau zu groß.</translation>
    </message>
    <message>
        <source>{filename} is too large to preview ({size}).</source>
        <translation>{filename} ist für eine Vorschau zu groß ({size}).</translation>
    </message>
    <message>
        <source>{filename} is not on this computer.</source>
        <translation>{filename} ist nicht auf diesem Computer.</translation>
    </message>
    <message>
        <source>{filename} is password-protected: open it in a PDF viewer.</source>
        <translation>{filename} ist passwortgeschützt: Öffnen Sie es in einem PDF-Programm.</translation>
    </message>
    <message>
        <source>{filename} is damaged and cannot be shown.</source>
        <translation>{filename} ist beschädigt und kann nicht angezeigt werden.</translation>
    </message>
    <message>
        <source>{filename} has too many pages to preview.</source>
        <translation>{filename} hat zu viele Seiten für eine Vorschau.</translation>
    </message>
    <message>
        <source>The preview shows the beginning only.</source>
        <translation>Die Vorschau zeigt nur den Anfang.</translation>
    </message>
    <message>
        <source>Showing {shown} of {count} pages.</source>
        <translation>{shown} von {count} Seiten werden angezeigt.</translation>
    </message>
</context>
<context>
    <name>EntriesModel</name>
    <message>
        <source>(may be outdated)</source>
        <translation>(möglicherweise veraltet)</translation>
    </message>
</context>
<context>
    <name>EntryCard</name>
    <message>
        <source>Written {when}</source>
        <translation>Geschrieben {when}</translation>
    </message>
    <message>
        <source>Yours: {text}</source>
        <translation>Ihre Fassung: {text}</translation>
    </message>
    <message>
        <source>On the server: {text}</source>
        <translation>Auf dem Server: {text}</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Meine behalten</translation>
    </message>
    <message>
        <source>Keep mine: {what}</source>
        <translation>Meine behalten: {what}</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>Serverfassung behalten</translation>
    </message>
    <message>
        <source>Keep theirs: {what}</source>
        <translation>Serverfassung behalten: {what}</translation>
    </message>
    <message>
        <source>Copy my text</source>
        <translation>Meinen Text kopieren</translation>
    </message>
    <message>
        <source>Copy my text: {what}</source>
        <translation>Meinen Text kopieren: {what}</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Discard: {what}</source>
        <translation>Verwerfen: {what}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Cannot ask {url} how to sign in: {cause}.</source>
        <translation>Kann {url} nicht fragen, wie die Anmeldung funktioniert: {cause}.</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Melden Sie sich zuerst an.</translation>
    </message>
    <message>
        <source>Sign in before {what}.</source>
        <translation>Melden Sie sich an, bevor Sie fortfahren ({what}).</translation>
    </message>
    <message>
        <source>Sign in again before {what}.</source>
        <translation>Melden Sie sich erneut an, bevor Sie fortfahren ({what}).</translation>
    </message>
    <message>
        <source>{url} does not offer signing in with a company account.</source>
        <translation>{url} bietet keine Anmeldung mit einem Firmenkonto an.</translation>
    </message>
    <message>
        <source>Give the address of your company&apos;s kshare server.</source>
        <translation>Geben Sie die Adresse des kshare-Servers Ihrer Firma an.</translation>
    </message>
    <message>
        <source>{cause}.</source>
        <translation>{cause}.</translation>
    </message>
    <message>
        <source>Cannot reach {url}: {cause}.</source>
        <translation>{url} ist nicht erreichbar: {cause}.</translation>
    </message>
    <message>
        <source>{cause}. Get it from {url}.</source>
        <translation>{cause}. Sie erhalten es unter {url}.</translation>
    </message>
    <message>
        <source>Sign-in failed: {cause}</source>
        <translation>Anmeldung fehlgeschlagen: {cause}</translation>
    </message>
    <message>
        <source>The server did not accept your company account: {cause}</source>
        <translation>Der Server hat Ihr Firmenkonto nicht akzeptiert: {cause}</translation>
    </message>
    <message>
        <source>The server did not accept that user name and password.</source>
        <translation>Der Server hat diesen Benutzernamen und dieses Passwort nicht akzeptiert.</translation>
    </message>
    <message>
        <source>The sign-in in the browser was not finished.</source>
        <translation>Die Anmeldung im Browser wurde nicht abgeschlossen.</translation>
    </message>
    <message>
        <source>The browser came back from another sign-in; try again.</source>
        <translation>Der Browser kam von einer anderen Anmeldung zurück; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Your company&apos;s sign-in page did not sign you in ({why}).</source>
        <translation>Die Anmeldeseite Ihrer Firma hat Sie nicht angemeldet ({why}).</translation>
    </message>
    <message>
        <source>No collection {id} on this computer.</source>
        <translation>Keine Sammlung {id} auf diesem Computer.</translation>
    </message>
    <message>
        <source>Only the collection&apos;s curators may change it.</source>
        <translation>Nur die Kuratoren der Sammlung dürfen sie ändern.</translation>
    </message>
    <message>
        <source>Sign in first: kshare needs to know who is curating.</source>
        <translation>Melden Sie sich zuerst an: kshare muss wissen, wer kuratiert.</translation>
    </message>
    <message>
        <source>A collection needs a title.</source>
        <translation>Eine Sammlung braucht einen Titel.</translation>
    </message>
    <message>
        <source>Name the person by id: {id}</source>
        <translation>Nennen Sie die Person mit ihrer ID: {id}</translation>
    </message>
    <message>
        <source>Nothing called {id} on this computer to add.</source>
        <translation>Auf diesem Computer gibt es nichts namens {id} zum Hinzufügen.</translation>
    </message>
    <message>
        <source>The review date must lie in the future.</source>
        <translation>Das Prüfdatum muss in der Zukunft liegen.</translation>
    </message>
    <message>
        <source>That item is not on this computer (any more).</source>
        <translation>Dieser Eintrag ist nicht (mehr) auf diesem Computer.</translation>
    </message>
    <message>
        <source>Only its author and its curators may verify this.</source>
        <translation>Nur der Autor und die Kuratoren dürfen dies bestätigen.</translation>
    </message>
    <message>
        <source>Name two different tags to merge.</source>
        <translation>Nennen Sie zwei verschiedene Tags zum Zusammenführen.</translation>
    </message>
    <message>
        <source>This file</source>
        <translation>Diese Datei</translation>
    </message>
    <message>
        <source>the file</source>
        <translation>die Datei</translation>
    </message>
    <message>
        <source>{name} is not downloaded yet, and the server cannot be reached. It can be opened once you are online.</source>
        <translation>{name} ist noch nicht heruntergeladen, und der Server ist nicht erreichbar. Sie können es öffnen, sobald Sie online sind.</translation>
    </message>
    <message>
        <source>Cannot download {name}: {cause}</source>
        <translation>{name} kann nicht heruntergeladen werden: {cause}</translation>
    </message>
    <message>
        <source>Cannot save {name}: {cause}</source>
        <translation>{name} kann nicht gespeichert werden: {cause}</translation>
    </message>
    <message>
        <source>This document is no longer available to you.</source>
        <translation>Dieses Dokument ist für Sie nicht mehr verfügbar.</translation>
    </message>
    <message>
        <source>Version {number} of {name} is not known here.</source>
        <translation>Version {number} von {name} ist hier nicht bekannt.</translation>
    </message>
    <message>
        <source>That person is not on this computer (any more).</source>
        <translation>Diese Person ist nicht (mehr) auf diesem Computer.</translation>
    </message>
    <message>
        <source>Your profile is not on this computer yet: sync once, then try again.</source>
        <translation>Ihr Profil ist noch nicht auf diesem Computer: Synchronisieren Sie einmal und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>That draft is no longer waiting for a decision.</source>
        <translation>Dieser Entwurf wartet nicht mehr auf eine Entscheidung.</translation>
    </message>
    <message>
        <source>Only its author and the editors they chose may change this item.</source>
        <translation>Nur der Autor und die von ihm gewählten Bearbeiter dürfen diesen Eintrag ändern.</translation>
    </message>
    <message>
        <source>Only the author may change who sees this item.</source>
        <translation>Nur der Autor darf ändern, wer diesen Eintrag sieht.</translation>
    </message>
    <message>
        <source>Only the person who asked may accept an answer.</source>
        <translation>Nur wer gefragt hat, darf eine Antwort akzeptieren.</translation>
    </message>
    <message>
        <source>You cannot endorse yourself.</source>
        <translation>Sie können sich nicht selbst empfehlen.</translation>
    </message>
    <message>
        <source>Answers and comments follow their parent&apos;s audience.</source>
        <translation>Antworten und Kommentare haben dasselbe Publikum wie ihr Beitrag.</translation>
    </message>
    <message>
        <source>Choose who can see this item.</source>
        <translation>Wählen Sie, wer diesen Eintrag sehen kann.</translation>
    </message>
    <message>
        <source>&apos;private&apos; cannot be combined with other audiences</source>
        <translation>„private“ lässt sich nicht mit anderen Zielgruppen kombinieren</translation>
    </message>
    <message>
        <source>Only you can see this item, so nobody else can edit it: add the editors to its audience first.</source>
        <translation>Nur Sie sehen diesen Eintrag, daher kann niemand sonst ihn bearbeiten: Fügen Sie die Bearbeiter zuerst dem Publikum hinzu.</translation>
    </message>
    <message>
        <source>This item is also shown to groups you cannot see any more, so its audience cannot be kept as it is: name its whole audience.</source>
        <translation>Dieser Eintrag wird auch Gruppen gezeigt, die Sie nicht mehr sehen, daher kann sein Publikum nicht so bleiben: Nennen Sie sein ganzes Publikum.</translation>
    </message>
    <message>
        <source>&apos;Visible until&apos; is in the past: choose a later time, or none to keep it visible.</source>
        <translation>„Sichtbar bis“ liegt in der Vergangenheit: Wählen Sie einen späteren Zeitpunkt oder keinen, damit es sichtbar bleibt.</translation>
    </message>
    <message>
        <source>&apos;Visible until&apos; must be later than &apos;Publish at&apos;.</source>
        <translation>„Sichtbar bis“ muss nach „Veröffentlichen am“ liegen.</translation>
    </message>
    <message>
        <source>Only a shared document has a file to replace.</source>
        <translation>Nur ein geteiltes Dokument hat eine Datei zum Ersetzen.</translation>
    </message>
    <message>
        <source>Only an answer to a question can be accepted.</source>
        <translation>Nur eine Antwort auf eine Frage kann akzeptiert werden.</translation>
    </message>
    <message>
        <source>Name the skill you endorse.</source>
        <translation>Nennen Sie die Fähigkeit, die Sie empfehlen.</translation>
    </message>
    <message>
        <source>editor: {detail}</source>
        <translation>Bearbeiter: {detail}</translation>
    </message>
    <message>
        <source>an editor is a group or a person (group:NAME or person:NAME), not {text!r}</source>
        <translation>ein Bearbeiter ist eine Gruppe oder eine Person (group:NAME oder person:NAME), nicht {text!r}</translation>
    </message>
    <message>
        <source>This cannot be published: {field}</source>
        <translation>Dies kann nicht veröffentlicht werden: {field}</translation>
    </message>
    <message>
        <source>This edit cannot be saved: {field}</source>
        <translation>Diese Änderung kann nicht gespeichert werden: {field}</translation>
    </message>
    <message>
        <source>That reaction cannot be sent: {field}</source>
        <translation>Diese Reaktion kann nicht gesendet werden: {field}</translation>
    </message>
    <message>
        <source>This change cannot be saved: {field}</source>
        <translation>Diese Änderung kann nicht gespeichert werden: {field}</translation>
    </message>
    <message>
        <source>An editor must be able to see the item: {names} is not in its audience. Add them to the audience, or choose editors among those who can see it.</source>
        <translation>Ein Bearbeiter muss den Eintrag sehen können: {names} gehört nicht zu seinem Publikum. Fügen Sie die Person dem Publikum hinzu oder wählen Sie Bearbeiter unter denen, die ihn sehen.</translation>
    </message>
    <message>
        <source>An editor must be able to see the item: {names} are not in its audience. Add them to the audience, or choose editors among those who can see it.</source>
        <translation>Ein Bearbeiter muss den Eintrag sehen können: {names} gehören nicht zu seinem Publikum. Fügen Sie sie dem Publikum hinzu oder wählen Sie Bearbeiter unter denen, die ihn sehen.</translation>
    </message>
    <message>
        <source>Finding experts is not available in this installation of kshare.</source>
        <translation>Die Expertensuche ist in dieser kshare-Installation nicht verfügbar.</translation>
    </message>
    <message>
        <source>Sign in first: kshare needs to know who is writing.</source>
        <translation>Melden Sie sich zuerst an: kshare muss wissen, wer schreibt.</translation>
    </message>
    <message>
        <source>Could not finish {what}: it needs a connection to the server, which cannot be reached right now ({cause}). Try again when you are online.</source>
        <translation>{what} war nicht möglich: Dafür ist eine Verbindung zum Server nötig, der gerade nicht erreichbar ist ({cause}). Versuchen Sie es erneut, wenn Sie online sind.</translation>
    </message>
    <message>
        <source>Sign in again before {what}: the server asked for it.</source>
        <translation>Melden Sie sich erneut an, bevor Sie fortfahren ({what}): Der Server verlangt es.</translation>
    </message>
    <message>
        <source>More than one group is called “{name}”; use its id instead.</source>
        <translation>Mehrere Gruppen heißen „{name}“; verwenden Sie stattdessen die ID.</translation>
    </message>
    <message>
        <source>No group called “{name}” that you may see.</source>
        <translation>Keine Gruppe namens „{name}“, die Sie sehen dürfen.</translation>
    </message>
    <message>
        <source>kshare cannot follow a {kind!r}; try one of: {kinds}.</source>
        <translation>kshare kann {kind!r} nicht folgen; versuchen Sie eines davon: {kinds}.</translation>
    </message>
    <message>
        <source>Name the tag to follow.</source>
        <translation>Nennen Sie das Tag, dem Sie folgen möchten.</translation>
    </message>
    <message>
        <source>No colleague called @{name} on this computer (sync first?).</source>
        <translation>Keine Kollegin und kein Kollege namens @{name} auf diesem Computer (zuerst synchronisieren?).</translation>
    </message>
    <message>
        <source>More than one {kind} is called “{name}”; use its id.</source>
        <translation>Mehrere Einträge ({kind}) heißen „{name}“; verwenden Sie die ID.</translation>
    </message>
    <message>
        <source>No {kind} “{name}” on this computer.</source>
        <translation>Kein Eintrag ({kind}) „{name}“ auf diesem Computer.</translation>
    </message>
    <message>
        <source>Finding experts is turned off by your organisation.{help}</source>
        <translation>Die Expertensuche wurde von Ihrer Organisation ausgeschaltet.{help}</translation>
    </message>
    <message>
        <source>Downloading shared documents is turned off by your organisation.{help}</source>
        <translation>Das Herunterladen geteilter Dokumente wurde von Ihrer Organisation ausgeschaltet.{help}</translation>
    </message>
    <message>
        <source>Publishing to the whole organisation is turned off by your organisation.{help}</source>
        <translation>Das Veröffentlichen für die ganze Organisation wurde von Ihrer Organisation ausgeschaltet.{help}</translation>
    </message>
    <message>
        <source> For help, contact {contact}.</source>
        <translation> Hilfe erhalten Sie bei {contact}.</translation>
    </message>
    <message>
        <source>Your organisation&apos;s policy allows only the kshare server {allowed}, not {server_url}.{help}</source>
        <translation>Die Richtlinie Ihrer Organisation erlaubt nur den kshare-Server {allowed}, nicht {server_url}.{help}</translation>
    </message>
    <message>
        <source>Your profile is not on this computer yet: sync once first.</source>
        <translation>Ihr Profil ist noch nicht auf diesem Computer: Synchronisieren Sie zuerst einmal.</translation>
    </message>
    <message>
        <source>“{start}…” is longer than {limit} characters.</source>
        <translation>„{start}…“ ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>Sign in first: kshare needs to know whose profile this is.</source>
        <translation>Melden Sie sich zuerst an: kshare muss wissen, wessen Profil das ist.</translation>
    </message>
    <message>
        <source>Search is not available in this installation of kshare.</source>
        <translation>Die Suche ist in dieser kshare-Installation nicht verfügbar.</translation>
    </message>
    <message>
        <source>{name} is {size} MB; files up to {limit} MB can be shared.</source>
        <translation>{name} ist {size} MB groß; Dateien bis {limit} MB können geteilt werden.</translation>
    </message>
    <message>
        <source>Cannot read {name}: {cause}</source>
        <translation>{name} kann nicht gelesen werden: {cause}</translation>
    </message>
    <message>
        <source>kshare keeps your sign-in token only in the system keyring, and no usable keyring was found on this computer ({detail}). Start a desktop session with a keyring (Secret Service / KWallet, macOS Keychain, Windows Credential Locker), or set the PYTHON_KEYRING_BACKEND environment variable to a keyring backend available here.</source>
        <translation>kshare bewahrt Ihr Anmeldetoken nur im Schlüsselbund des Systems auf, und auf diesem Computer wurde kein nutzbarer Schlüsselbund gefunden ({detail}). Starten Sie eine Desktop-Sitzung mit Schlüsselbund (Secret Service / KWallet, macOS-Schlüsselbund, Windows-Anmeldeinformationsverwaltung) oder setzen Sie die Umgebungsvariable PYTHON_KEYRING_BACKEND auf ein hier verfügbares Schlüsselbund-Backend.</translation>
    </message>
</context>
<context>
    <name>ExpertCard</name>
    <message>
        <source>{rank}. {name}: open their profile</source>
        <translation>{rank}. {name}: Profil öffnen</translation>
    </message>
    <message>
        <source>See what {name} knows</source>
        <translation>Sehen, womit sich {name} auskennt</translation>
    </message>
    <message>
        <source>Relevance {score}</source>
        <translation>Relevanz {score}</translation>
    </message>
    <message>
        <source>Ask me about: {topics}</source>
        <translation>Fragen Sie mich zu: {topics}</translation>
    </message>
    <message>
        <source>Show these contributions</source>
        <translation>Diese Beiträge zeigen</translation>
    </message>
</context>
<context>
    <name>ExpertReason</name>
    <message>
        <source>Accepted answer to &quot;{title}&quot;</source>
        <translation>Akzeptierte Antwort auf „{title}“</translation>
    </message>
    <message>
        <source>Answered &quot;{title}&quot;</source>
        <translation>Hat „{title}“ beantwortet</translation>
    </message>
    <message>
        <source>Wrote &quot;{title}&quot;</source>
        <translation>Hat „{title}“ geschrieben</translation>
    </message>
    <message>
        <source>Shared &quot;{title}&quot;</source>
        <translation>Hat „{title}“ geteilt</translation>
    </message>
    <message>
        <source>Asked &quot;{title}&quot;</source>
        <translation>Hat die Frage „{title}“ gestellt</translation>
    </message>
    <message>
        <source>Commented on &quot;{title}&quot;</source>
        <translation>Hat „{title}“ kommentiert</translation>
    </message>
    <message>
        <source>Confirms expertise in {topic}</source>
        <translation>Bestätigt Fachwissen in {topic}</translation>
    </message>
    <message>
        <source>Lists {topic} as a skill</source>
        <translation>Nennt {topic} als Kenntnis</translation>
    </message>
    <message>
        <source>Happy to be asked about {topic}</source>
        <translation>Beantwortet gern Fragen zu {topic}</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>ohne Titel</translation>
    </message>
    <message>
        <source>Active in {tag}</source>
        <translation>Aktiv in {tag}</translation>
    </message>
    <message>
        <source>Active in {tag} ({count} contribution)</source>
        <translation>Aktiv in {tag} ({count} Beitrag)</translation>
    </message>
    <message>
        <source>Active in {tag} ({count} contributions)</source>
        <translation>Aktiv in {tag} ({count} Beiträge)</translation>
    </message>
    <message>
        <source>Also active in {tags}</source>
        <translation>Auch aktiv in {tags}</translation>
    </message>
    <message>
        <source>Endorsed for {skill} by {count} colleague</source>
        <translation>Von {count} Person für {skill} empfohlen</translation>
    </message>
    <message>
        <source>Endorsed for {skill} by {count} colleagues</source>
        <translation>Von {count} Personen für {skill} empfohlen</translation>
    </message>
</context>
<context>
    <name>ExpertiseDialog</name>
    <message>
        <source>Say you know this: it counts for more and is marked as confirmed.</source>
        <translation>Bestätigen, dass Sie sich damit auskennen: Das zählt mehr und wird als bestätigt gekennzeichnet.</translation>
    </message>
    <message>
        <source>Never list me as an expert for this topic. You can show it again later.</source>
        <translation>Mich nie als Fachperson für dieses Thema aufführen. Sie können es später wieder anzeigen.</translation>
    </message>
    <message>
        <source>Take it off my profile. A topic found only in what you wrote stays hidden, so it does not come back.</source>
        <translation>Aus meinem Profil entfernen. Ein Thema, das nur in Ihren Texten gefunden wurde, bleibt ausgeblendet, damit es nicht wiederkommt.</translation>
    </message>
    <message>
        <source>List me for this topic again.</source>
        <translation>Mich wieder für dieses Thema aufführen.</translation>
    </message>
    <message>
        <source>Colleagues will then not see you in expert results or in suggestions. What you wrote stays as it is.</source>
        <translation>Kolleginnen und Kollegen sehen Sie dann weder in Suchergebnissen nach Fachleuten noch in Vorschlägen. Was Sie geschrieben haben, bleibt, wie es ist.</translation>
    </message>
    <message>
        <source>Saved on this computer; published at the next sync.</source>
        <translation>Auf diesem Computer gespeichert; wird bei der nächsten Synchronisierung veröffentlicht.</translation>
    </message>
    <message>
        <source>My expertise</source>
        <translation>Meine Fachgebiete</translation>
    </message>
    <message>
        <source>What colleagues see when they look for someone who knows a topic. Topics are found in what you wrote, answered and shared; confirm the ones you stand by.</source>
        <translation>Was Kolleginnen und Kollegen sehen, wenn sie jemanden suchen, der sich mit einem Thema auskennt. Themen werden in dem gefunden, was Sie geschrieben, beantwortet und geteilt haben; bestätigen Sie die, hinter denen Sie stehen.</translation>
    </message>
    <message>
        <source>What happened to your last change</source>
        <translation>Was mit Ihrer letzten Änderung geschehen ist</translation>
    </message>
    <message>
        <source>Your topics</source>
        <translation>Ihre Themen</translation>
    </message>
    <message>
        <source>No topics yet: they appear as you write, answer and share.</source>
        <translation>Noch keine Themen: Sie erscheinen, wenn Sie schreiben, antworten und teilen.</translation>
    </message>
    <message>
        <source>Hidden topics</source>
        <translation>Ausgeblendete Themen</translation>
    </message>
    <message>
        <source>None. A hidden topic is never used to list you as an expert.</source>
        <translation>Keine. Ein ausgeblendetes Thema wird nie verwendet, um Sie als Fachperson aufzuführen.</translation>
    </message>
    <message>
        <source>Opt out of expert listings</source>
        <translation>Nicht als Fachperson aufführen</translation>
    </message>
    <message>
        <source>Confirmed “{topic}”.</source>
        <translation>„{topic}“ bestätigt.</translation>
    </message>
    <message>
        <source>“{topic}” is hidden: you are not listed for it.</source>
        <translation>„{topic}“ ist ausgeblendet: Sie werden dafür nicht aufgeführt.</translation>
    </message>
    <message>
        <source>Removed “{topic}” from your profile.</source>
        <translation>„{topic}“ aus Ihrem Profil entfernt.</translation>
    </message>
    <message>
        <source>“{topic}” is shown again.</source>
        <translation>„{topic}“ wird wieder angezeigt.</translation>
    </message>
    <message>
        <source>You opted out: colleagues will not see you in expert results.</source>
        <translation>Sie haben widersprochen: Kolleginnen und Kollegen sehen Sie nicht in Suchergebnissen nach Fachleuten.</translation>
    </message>
    <message>
        <source>You are listed in expert results again.</source>
        <translation>Sie werden wieder in Suchergebnissen nach Fachleuten aufgeführt.</translation>
    </message>
    <message>
        <source>Your profile is not available yet. Sync, then try again.</source>
        <translation>Ihr Profil ist noch nicht verfügbar. Synchronisieren Sie und versuchen Sie es dann erneut.</translation>
    </message>
</context>
<context>
    <name>ExpertsPage</name>
    <message>
        <source>Experts</source>
        <translation>Fachleute</translation>
    </message>
    <message>
        <source>Your expertise profile…</source>
        <translation>Ihr Fachprofil…</translation>
    </message>
    <message>
        <source>Your expertise profile</source>
        <translation>Ihr Fachprofil</translation>
    </message>
    <message>
        <source>See and choose what colleagues find about what you know</source>
        <translation>Sehen und bestimmen, was andere über Ihr Wissen finden</translation>
    </message>
    <message>
        <source>Who knows about a topic? Ranked from what colleagues wrote, answered and were endorsed for.</source>
        <translation>Wer kennt sich mit einem Thema aus? Gereiht danach, was Kolleginnen und Kollegen geschrieben und beantwortet haben und wofür sie empfohlen wurden.</translation>
    </message>
    <message>
        <source>Topic to find experts for</source>
        <translation>Thema, für das Fachleute gesucht werden</translation>
    </message>
    <message>
        <source>A topic, e.g. Kubernetes, expenses, GDPR</source>
        <translation>Ein Thema, z. B. Kubernetes, Spesen, DSGVO</translation>
    </message>
    <message>
        <source>Find experts</source>
        <translation>Fachleute finden</translation>
    </message>
    <message>
        <source>Looking…</source>
        <translation>Wird gesucht…</translation>
    </message>
    <message>
        <source>No one stands out for “{topic}” yet. Try a broader topic.</source>
        <translation>Für „{topic}“ sticht noch niemand hervor. Versuchen Sie ein allgemeineres Thema.</translation>
    </message>
    <message>
        <source>People who know about “{topic}”</source>
        <translation>Menschen, die sich mit „{topic}“ auskennen</translation>
    </message>
</context>
<context>
    <name>FeedModel</name>
    <message>
        <source>Scheduled for {when}</source>
        <translation>Geplant für {when}</translation>
    </message>
    <message>
        <source>1 answer</source>
        <translation>1 Antwort</translation>
    </message>
    <message>
        <source>{count} answers</source>
        <translation>{count} Antworten</translation>
    </message>
    <message>
        <source>{kind} by {author}, {when}</source>
        <translation>{kind} von {author}, {when}</translation>
    </message>
</context>
<context>
    <name>FeedPage</name>
    <message>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>Beiträge</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <source>Nothing here yet — sync to fetch your colleagues&apos; posts.</source>
        <translation>Hier ist noch nichts — synchronisieren Sie, um die Beiträge Ihrer Kolleginnen und Kollegen abzurufen.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>Feed</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message numerus="yes">
        <source>Fetching… {done} of %Ln items</source>
        <translation>
            <numerusform>Wird abgerufen… {done} von %Ln Eintrag</numerusform>
            <numerusform>Wird abgerufen… {done} von %Ln Einträgen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln items</source>
        <translation>
            <numerusform>%Ln Eintrag</numerusform>
            <numerusform>%Ln Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source>Fetching what you may see from the server…</source>
        <translation>Was Sie sehen dürfen, wird vom Server abgerufen…</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 Eintrag</translation>
    </message>
</context>
<context>
    <name>FlowPage</name>
    <message>
        <source>Where questions wait longest: tags</source>
        <translation>Wo Fragen am längsten warten: Schlagwörter</translation>
    </message>
    <message>
        <source>Where questions wait longest: departments</source>
        <translation>Wo Fragen am längsten warten: Abteilungen</translation>
    </message>
    <message>
        <source>Export {format}…</source>
        <translation>Als {format} exportieren…</translation>
    </message>
    <message>
        <source>Export picture</source>
        <translation>Grafik exportieren</translation>
    </message>
</context>
<context>
    <name>FollowButton</name>
    <message>
        <source>Follow</source>
        <translation>Folgen</translation>
    </message>
    <message>
        <source>Following</source>
        <translation>Folge ich</translation>
    </message>
    <message>
        <source>Following {0}. Stop following</source>
        <translation>Sie folgen {0}. Nicht mehr folgen</translation>
    </message>
    <message>
        <source>You follow {0}: new things show in your Inbox</source>
        <translation>Sie folgen {0}: Neues erscheint in Ihrem Posteingang</translation>
    </message>
    <message>
        <source>Follow {0}</source>
        <translation>{0} folgen</translation>
    </message>
    <message>
        <source>Follow {0}: new things show in your Inbox</source>
        <translation>{0} folgen: Neues erscheint in Ihrem Posteingang</translation>
    </message>
    <message>
        <source>Could not follow {0}: {1}</source>
        <translation>{0} konnte nicht gefolgt werden: {1}</translation>
    </message>
    <message>
        <source>Could not stop following {0}: {1}</source>
        <translation>Folgen von {0} konnte nicht beendet werden: {1}</translation>
    </message>
</context>
<context>
    <name>FollowDialog</name>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>a username, e.g. @ana</source>
        <translation>ein Benutzername, z. B. @ana</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Schlagwort</translation>
    </message>
    <message>
        <source>a tag, e.g. postgresql</source>
        <translation>ein Schlagwort, z. B. postgresql</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>a group&apos;s name</source>
        <translation>der Name einer Gruppe</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>a question&apos;s exact title</source>
        <translation>der genaue Titel einer Frage</translation>
    </message>
    <message>
        <source>Following</source>
        <translation>Was Sie verfolgen</translation>
    </message>
    <message>
        <source>What to follow</source>
        <translation>Was Sie verfolgen möchten</translation>
    </message>
    <message>
        <source>Name to follow</source>
        <translation>Name zum Folgen</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Folgen</translation>
    </message>
    <message>
        <source>What you follow</source>
        <translation>Was Sie verfolgen</translation>
    </message>
    <message>
        <source>Stop following</source>
        <translation>Nicht mehr folgen</translation>
    </message>
</context>
<context>
    <name>FollowSuggestion</name>
    <message>
        <source>{count} post</source>
        <translation>{count} Beitrag</translation>
    </message>
    <message>
        <source>{count} posts</source>
        <translation>{count} Beiträge</translation>
    </message>
    <message>
        <source>You are a member</source>
        <translation>Sie sind Mitglied</translation>
    </message>
    <message>
        <source>In {department}</source>
        <translation>Abteilung {department}</translation>
    </message>
    <message>
        <source>Active: {posts}</source>
        <translation>Aktiv: {posts}</translation>
    </message>
</context>
<context>
    <name>FollowTopicsDialog</name>
    <message>
        <source>Follow topics</source>
        <translation>Themen folgen</translation>
    </message>
    <message>
        <source>Follow a few topics</source>
        <translation>Folgen Sie ein paar Themen</translation>
    </message>
    <message>
        <source>New posts and questions in what you follow show in your Inbox. Pick a few to start with; you can change them any time.</source>
        <translation>Neue Beiträge und Fragen zu dem, dem Sie folgen, erscheinen in Ihrem Posteingang. Wählen Sie für den Anfang ein paar aus; Sie können das jederzeit ändern.</translation>
    </message>
    <message>
        <source>Suggested tags</source>
        <translation>Vorgeschlagene Schlagwörter</translation>
    </message>
    <message>
        <source>Your groups</source>
        <translation>Ihre Gruppen</translation>
    </message>
    <message>
        <source>Suggested people</source>
        <translation>Vorgeschlagene Personen</translation>
    </message>
    <message>
        <source>Follow selected</source>
        <translation>Ausgewählten folgen</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>Skip following topics for now</source>
        <translation>Das Folgen von Themen vorerst überspringen</translation>
    </message>
</context>
<context>
    <name>GroupCard</name>
    <message>
        <source>Join</source>
        <translation>Beitreten</translation>
    </message>
    <message>
        <source>Join {group}</source>
        <translation>{group} beitreten</translation>
    </message>
    <message>
        <source>Ask to join</source>
        <translation>Beitritt anfragen</translation>
    </message>
    <message>
        <source>Ask the owners of {group} to join</source>
        <translation>Die Besitzer von {group} um Beitritt bitten</translation>
    </message>
    <message>
        <source>Withdraw request</source>
        <translation>Anfrage zurückziehen</translation>
    </message>
    <message>
        <source>Withdraw your request to join {group}</source>
        <translation>Ihre Beitrittsanfrage für {group} zurückziehen</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Verlassen</translation>
    </message>
    <message>
        <source>Leave {group}</source>
        <translation>{group} verlassen</translation>
    </message>
    <message>
        <source>Requests ({count})</source>
        <translation>Anfragen ({count})</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Open the page of {group}</source>
        <translation>Die Seite von {group} öffnen</translation>
    </message>
</context>
<context>
    <name>GroupPage</name>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Shared with the group</source>
        <translation>Mit der Gruppe geteilt</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>This group is not known on this computer.</source>
        <translation>Diese Gruppe ist auf diesem Computer nicht bekannt.</translation>
    </message>
    <message>
        <source>No description yet.</source>
        <translation>Noch keine Beschreibung.</translation>
    </message>
    <message>
        <source>{member} (owner)</source>
        <translation>{member} (Besitzer)</translation>
    </message>
</context>
<context>
    <name>GroupStanding</name>
    <message>
        <source>Owner</source>
        <translation>Besitzer</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Request pending</source>
        <translation>Beitrittsanfrage offen</translation>
    </message>
</context>
<context>
    <name>GroupsPage</name>
    <message>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh the list of groups</source>
        <translation>Die Liste der Gruppen aktualisieren</translation>
    </message>
    <message>
        <source>Teams, departments and communities. Joining one shows you what its members share, after the next sync; leaving removes it from this computer.</source>
        <translation>Teams, Abteilungen und Communitys. Nach dem Beitritt sehen Sie ab der nächsten Synchronisierung, was die Mitglieder teilen; beim Verlassen wird es von diesem Computer entfernt.</translation>
    </message>
    <message>
        <source>{groups}; you are in {mine}.</source>
        <translation>{groups}; Sie sind Mitglied in {mine}.</translation>
    </message>
    <message>
        <source>Groups could not be listed.</source>
        <translation>Die Gruppen konnten nicht aufgelistet werden.</translation>
    </message>
    <message>
        <source>You can join again at any time.</source>
        <translation>Sie können jederzeit wieder beitreten.</translation>
    </message>
    <message>
        <source>To come back you will have to ask its owners.</source>
        <translation>Um zurückzukehren, müssen Sie die Besitzer der Gruppe fragen.</translation>
    </message>
    <message>
        <source>Leave {group}?</source>
        <translation>{group} verlassen?</translation>
    </message>
    <message>
        <source>What was shared only with this group is removed from this computer at the next sync. {again}</source>
        <translation>Was nur mit dieser Gruppe geteilt wurde, wird bei der nächsten Synchronisierung von diesem Computer entfernt. {again}</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Verlassen</translation>
    </message>
</context>
<context>
    <name>HealthPage</name>
    <message>
        <source>Export as HTML…</source>
        <translation>Als HTML exportieren…</translation>
    </message>
    <message>
        <source>Asking the server for the report…</source>
        <translation>Der Bericht wird beim Server angefragt…</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
</context>
<context>
    <name>HiddenTopic</name>
    <message>
        <source>Show again</source>
        <translation>Wieder anzeigen</translation>
    </message>
    <message>
        <source>Show {topic} again</source>
        <translation>{topic} wieder anzeigen</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Explore</source>
        <translation>Entdecken</translation>
    </message>
    <message>
        <source>Digest: last day</source>
        <translation>Übersicht: letzter Tag</translation>
    </message>
    <message>
        <source>Digest: last week</source>
        <translation>Übersicht: letzte Woche</translation>
    </message>
    <message>
        <source>Nothing yet. Follow people, tags or groups to fill your Home.</source>
        <translation>Noch nichts. Folgen Sie Personen, Schlagwörtern oder Gruppen, um Ihre Startseite zu füllen.</translation>
    </message>
    <message>
        <source>Nothing well received outside your circle yet.</source>
        <translation>Außerhalb Ihres Umfelds ist noch nichts gut angekommen.</translation>
    </message>
    <message>
        <source>Nothing new in what you follow since yesterday.</source>
        <translation>Seit gestern nichts Neues in dem, was Sie verfolgen.</translation>
    </message>
    <message>
        <source>Nothing new in what you follow this week.</source>
        <translation>Diese Woche nichts Neues in dem, was Sie verfolgen.</translation>
    </message>
    <message>
        <source>Shown because: {reason}</source>
        <translation>Angezeigt, weil: {reason}</translation>
    </message>
    <message>
        <source>Which view</source>
        <translation>Welche Ansicht</translation>
    </message>
    <message>
        <source>Following…</source>
        <translation>Verfolgt…</translation>
    </message>
    <message>
        <source>Follow people, tags, groups and questions</source>
        <translation>Personen, Schlagwörtern, Gruppen und Fragen folgen</translation>
    </message>
    <message>
        <source>Mix of close and explore</source>
        <translation>Mischung aus Nahem und Entdecken</translation>
    </message>
    <message>
        <source>Left: what is close to you. Right: good things from further away.</source>
        <translation>Links: was Ihnen nahe ist. Rechts: Gutes von weiter weg.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Nah</translation>
    </message>
    <message>
        <source>Home feed</source>
        <translation>Start-Feed</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Fetching what you may see from the server…</source>
        <translation>Was Sie sehen dürfen, wird vom Server abgerufen…</translation>
    </message>
</context>
<context>
    <name>HomeReason</name>
    <message>
        <source>from {name}, whom you follow</source>
        <translation>von {name} (Sie folgen dieser Person)</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>jemandem</translation>
    </message>
    <message>
        <source>unanswered, in your area: {area}</source>
        <translation>unbeantwortet, in Ihrem Fachgebiet: {area}</translation>
    </message>
    <message>
        <source>from a group you follow</source>
        <translation>aus einer Gruppe, der Sie folgen</translation>
    </message>
    <message>
        <source>you follow #{tag}</source>
        <translation>Sie folgen #{tag}</translation>
    </message>
    <message>
        <source>a question you follow</source>
        <translation>eine Frage, der Sie folgen</translation>
    </message>
    <message>
        <source>from your group {group}</source>
        <translation>aus Ihrer Gruppe {group}</translation>
    </message>
    <message>
        <source>a question from your team</source>
        <translation>eine Frage aus Ihrem Team</translation>
    </message>
    <message>
        <source>popular in #{tag}</source>
        <translation>beliebt in #{tag}</translation>
    </message>
    <message>
        <source>popular in {group}</source>
        <translation>beliebt in {group}</translation>
    </message>
    <message>
        <source>popular across the company</source>
        <translation>beliebt im ganzen Unternehmen</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
</context>
<context>
    <name>Inbox</name>
    <message>
        <source>Mentions of me</source>
        <translation>Erwähnungen von mir</translation>
    </message>
    <message>
        <source>Answers to my questions</source>
        <translation>Antworten auf meine Fragen</translation>
    </message>
    <message>
        <source>Accepted answers</source>
        <translation>Akzeptierte Antworten</translation>
    </message>
    <message>
        <source>Replies and comments</source>
        <translation>Antworten und Kommentare</translation>
    </message>
    <message>
        <source>Endorsements</source>
        <translation>Empfehlungen</translation>
    </message>
    <message>
        <source>Group membership</source>
        <translation>Gruppenmitgliedschaft</translation>
    </message>
    <message>
        <source>New in what I follow</source>
        <translation>Neues in dem, was ich verfolge</translation>
    </message>
    <message>
        <source>{who} mentioned you in “{title}”</source>
        <translation>{who} hat Sie in „{title}“ erwähnt</translation>
    </message>
    <message>
        <source>{who} answered your question “{title}”</source>
        <translation>{who} hat Ihre Frage „{title}“ beantwortet</translation>
    </message>
    <message>
        <source>{who} replied to “{title}”</source>
        <translation>{who} hat auf „{title}“ geantwortet</translation>
    </message>
    <message>
        <source>{who} posted: “{title}”</source>
        <translation>{who} hat veröffentlicht: „{title}“</translation>
    </message>
    <message>
        <source>New in a group you follow: “{title}”</source>
        <translation>Neu in einer Gruppe, der Sie folgen: „{title}“</translation>
    </message>
    <message>
        <source>New in #{tag}, which you follow: “{title}”</source>
        <translation>Neu in #{tag}, dem Sie folgen: „{title}“</translation>
    </message>
    <message>
        <source>{who} answered “{title}”, which you follow</source>
        <translation>{who} hat „{title}“ beantwortet, dem Sie folgen</translation>
    </message>
    <message>
        <source>Collection “{title}” changed: {changes}</source>
        <translation>Sammlung „{title}“ geändert: {changes}</translation>
    </message>
    <message>
        <source>Your request to join {group} was approved</source>
        <translation>Ihre Anfrage, {group} beizutreten, wurde angenommen</translation>
    </message>
    <message>
        <source>Your request to join {group} was declined</source>
        <translation>Ihre Anfrage, {group} beizutreten, wurde abgelehnt</translation>
    </message>
    <message>
        <source>Your answer to “{title}” was accepted</source>
        <translation>Ihre Antwort auf „{title}“ wurde akzeptiert</translation>
    </message>
    <message>
        <source>{who} endorsed you for {skill}</source>
        <translation>{who} hat Sie für {skill} empfohlen</translation>
    </message>
    <message>
        <source>You are now a member of {group}</source>
        <translation>Sie sind jetzt Mitglied von {group}</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Jemand</translation>
    </message>
    <message>
        <source>Someone you follow</source>
        <translation>Jemand, dem Sie folgen</translation>
    </message>
    <message>
        <source>A colleague</source>
        <translation>Ein Kollege</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>Nothing here yet. Mentions of you, replies and news in what you follow land here.</source>
        <translation>Hier ist noch nichts. Erwähnungen von Ihnen, Antworten und Neues in dem, was Sie verfolgen, landen hier.</translation>
    </message>
    <message>
        <source>All read.</source>
        <translation>Alles gelesen.</translation>
    </message>
    <message>
        <source>Unread: </source>
        <translation>Ungelesen: </translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Posteingang</translation>
    </message>
    <message>
        <source>Unread only</source>
        <translation>Nur ungelesene</translation>
    </message>
    <message>
        <source>Mark all read</source>
        <translation>Alle als gelesen markieren</translation>
    </message>
    <message>
        <source>Mark every inbox entry read</source>
        <translation>Jeden Eintrag im Posteingang als gelesen markieren</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n ungelesen</numerusform>
            <numerusform>%n ungelesen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ItemActions</name>
    <message>
        <source>Comment</source>
        <translation>Kommentieren</translation>
    </message>
    <message>
        <source>React</source>
        <translation>Reagieren</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Akzeptieren</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Answer this question</source>
        <translation>Diese Frage beantworten</translation>
    </message>
    <message>
        <source>Comment on this item</source>
        <translation>Diesen Eintrag kommentieren</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>Datei öffnen</translation>
    </message>
    <message>
        <source>Open the attached file</source>
        <translation>Die angehängte Datei öffnen</translation>
    </message>
    <message>
        <source>Replace file…</source>
        <translation>Datei ersetzen…</translation>
    </message>
    <message>
        <source>Replace the attached file with a new version</source>
        <translation>Die angehängte Datei durch eine neue Fassung ersetzen</translation>
    </message>
    <message>
        <source>Show the question</source>
        <translation>Die Frage anzeigen</translation>
    </message>
    <message>
        <source>Show what this replies to</source>
        <translation>Anzeigen, worauf dies antwortet</translation>
    </message>
    <message>
        <source>Edit your item</source>
        <translation>Ihren Eintrag bearbeiten</translation>
    </message>
    <message>
        <source>Delete your item</source>
        <translation>Ihren Eintrag löschen</translation>
    </message>
    <message>
        <source>Show the discussion</source>
        <translation>Die Diskussion anzeigen</translation>
    </message>
    <message>
        <source>Delete this {kind}?</source>
        <translation>{kind} löschen?</translation>
    </message>
    <message>
        <source>It is removed for everyone who can see it, at the next sync.</source>
        <translation>Der Eintrag wird bei der nächsten Synchronisierung für alle entfernt, die ihn sehen können.</translation>
    </message>
    <message>
        <source>deleting the item</source>
        <translation>Löschen des Eintrags</translation>
    </message>
    <message>
        <source>accepting the answer</source>
        <translation>Akzeptieren der Antwort</translation>
    </message>
    <message>
        <source>Choose the new version</source>
        <translation>Die neue Fassung auswählen</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.docx *.md *.txt);;All files (*)</source>
        <translation>Dokumente (*.pdf *.docx *.md *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>your {kind}</source>
        <translation>Ihr(e) {kind}</translation>
    </message>
    <message>
        <source>{author}&apos;s {kind}</source>
        <translation>{kind} von {author}</translation>
    </message>
    <message>
        <source>Edit {whose}</source>
        <translation>{whose} bearbeiten</translation>
    </message>
    <message>
        <source>{heading} on {whose}</source>
        <translation>{heading} zu {whose}</translation>
    </message>
</context>
<context>
    <name>ItemAttachment</name>
    <message>
        <source>Open {name}</source>
        <translation>{name} öffnen</translation>
    </message>
    <message>
        <source>Open {name} on this computer</source>
        <translation>{name} auf diesem Computer öffnen</translation>
    </message>
    <message>
        <source>Share a new version of {name}: everyone who can see the document gets it at their next sync</source>
        <translation>Eine neue Fassung von {name} teilen: Alle, die das Dokument sehen können, erhalten sie bei ihrer nächsten Synchronisierung</translation>
    </message>
    <message>
        <source>the file</source>
        <translation>die Datei</translation>
    </message>
    <message>
        <source>Fetching {name}…</source>
        <translation>{name} wird abgerufen…</translation>
    </message>
    <message>
        <source>fetching {name}</source>
        <translation>Abrufen von {name}</translation>
    </message>
    <message>
        <source>sharing the new version</source>
        <translation>Teilen der neuen Fassung</translation>
    </message>
    <message>
        <source>{name} is not available on this computer.</source>
        <translation>{name} ist auf diesem Computer nicht verfügbar.</translation>
    </message>
    <message>
        <source>No application on this computer could open {name}.</source>
        <translation>Kein Programm auf diesem Computer konnte {name} öffnen.</translation>
    </message>
    <message>
        <source>Save {name}</source>
        <translation>{name} speichern</translation>
    </message>
    <message>
        <source>Cannot save {name}: {reason}.</source>
        <translation>{name} kann nicht gespeichert werden: {reason}.</translation>
    </message>
</context>
<context>
    <name>ItemEditFlow</name>
    <message>
        <source>saving your reply</source>
        <translation>Speichern Ihrer Antwort</translation>
    </message>
    <message>
        <source>saving your changes</source>
        <translation>Speichern Ihrer Änderungen</translation>
    </message>
    <message>
        <source>loading groups and people</source>
        <translation>Laden der Gruppen und Personen</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <source>Your answer</source>
        <translation>Ihre Antwort</translation>
    </message>
    <message>
        <source>Your comment</source>
        <translation>Ihr Kommentar</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Post answer</source>
        <translation>Antwort senden</translation>
    </message>
    <message>
        <source>Post comment</source>
        <translation>Kommentar senden</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Änderungen speichern</translation>
    </message>
    <message>
        <source>Share what you know. Markdown works: **bold**, `code`, lists with -</source>
        <translation>Teilen Sie Ihr Wissen. Markdown funktioniert: **fett**, `Code`, Listen mit -</translation>
    </message>
    <message>
        <source>Add a comment</source>
        <translation>Einen Kommentar hinzufügen</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Tags: kubernetes, on-call</source>
        <translation>Schlagwörter: kubernetes, bereitschaft</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Audience…</source>
        <translation>Sichtbarkeit…</translation>
    </message>
    <message>
        <source>Change who can see and edit this, and when</source>
        <translation>Ändern, wer dies sehen und bearbeiten kann, und wann</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>On save: {summary}</source>
        <translation>Beim Speichern: {summary}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
</context>
<context>
    <name>ItemReactions</name>
    <message>
        <source>saving your reaction</source>
        <translation>Speichern Ihrer Reaktion</translation>
    </message>
</context>
<context>
    <name>JoinRequestsDialog</name>
    <message>
        <source>No one is waiting to join.</source>
        <translation>Niemand wartet auf den Beitritt.</translation>
    </message>
    <message>
        <source>Requests to join {group}</source>
        <translation>Beitrittsanfragen für {group}</translation>
    </message>
    <message>
        <source>These people asked to join {group}. Approving lets them see what its members share.</source>
        <translation>Diese Personen möchten {group} beitreten. Wenn Sie annehmen, sehen sie, was die Mitglieder teilen.</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Der Server wird gefragt…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to kshare</source>
        <translation>Bei kshare anmelden</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Use the address your IT team gave you and your company username.</source>
        <translation>Verwenden Sie die Adresse, die Sie von Ihrer IT-Abteilung erhalten haben, und Ihren Benutzernamen im Unternehmen.</translation>
    </message>
    <message>
        <source>firstname.lastname</source>
        <translation>vorname.nachname</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Sign in with your company account</source>
        <translation>Mit Ihrem Unternehmenskonto anmelden</translation>
    </message>
    <message>
        <source>Opens your company&apos;s sign-in page in your web browser</source>
        <translation>Öffnet die Anmeldeseite Ihres Unternehmens in Ihrem Webbrowser</translation>
    </message>
    <message>
        <source>Use the address your IT team gave you, then sign in with your company account.</source>
        <translation>Verwenden Sie die Adresse, die Ihnen Ihre IT-Abteilung gegeben hat, und melden Sie sich dann mit Ihrem Unternehmenskonto an.</translation>
    </message>
    <message>
        <source>Finish signing in in your web browser…</source>
        <translation>Schließen Sie die Anmeldung in Ihrem Webbrowser ab…</translation>
    </message>
    <message>
        <source>No web browser could be opened. Open this address in one to sign in:
{address}</source>
        <translation>Es konnte kein Webbrowser geöffnet werden. Öffnen Sie diese Adresse in einem Browser, um sich anzumelden:
{address}</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Feed</source>
        <translation>Feed</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Experts</source>
        <translation>Fachleute</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <source>Compose</source>
        <translation>Verfassen</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Posteingang</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>{username} on {server}</source>
        <translation>{username} auf {server}</translation>
    </message>
    <message>
        <source>Could not publish</source>
        <translation>Nicht veröffentlicht</translation>
    </message>
    <message>
        <source>Writes the server did not take: choose what to do</source>
        <translation>Änderungen, die der Server nicht angenommen hat: Wählen Sie, was geschehen soll</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Could not &amp;publish…</source>
        <translation>Nicht &amp;veröffentlicht…</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Feed</source>
        <translation>&amp;Feed</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suche</translation>
    </message>
    <message>
        <source>&amp;Experts</source>
        <translation>Fach&amp;leute</translation>
    </message>
    <message>
        <source>&amp;Groups</source>
        <translation>&amp;Gruppen</translation>
    </message>
    <message>
        <source>&amp;Compose</source>
        <translation>&amp;Verfassen</translation>
    </message>
    <message>
        <source>&amp;Home</source>
        <translation>S&amp;tart</translation>
    </message>
    <message>
        <source>&amp;Inbox</source>
        <translation>&amp;Posteingang</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;My profile</source>
        <translation>&amp;Mein Profil</translation>
    </message>
    <message>
        <source>Manage my &amp;expertise…</source>
        <translation>&amp;Fachgebiete verwalten…</translation>
    </message>
    <message>
        <source>&amp;Edit my profile…</source>
        <translation>Profil &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>&amp;Profil</translation>
    </message>
    <message>
        <source>Follow &amp;topics…</source>
        <translation>&amp;Themen folgen…</translation>
    </message>
    <message>
        <source>Open &amp;curation…</source>
        <translation>&amp;Kuratierung öffnen…</translation>
    </message>
    <message>
        <source>C&amp;uration</source>
        <translation>K&amp;uratierung</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About kshare</source>
        <translation>Ü&amp;ber kshare</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Inbox, {count} unread</source>
        <translation>Posteingang, {count} ungelesen</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %Ln could not be published</source>
        <translation>
            <numerusform>⚠ %Ln nicht veröffentlicht</numerusform>
            <numerusform>⚠ %Ln nicht veröffentlicht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of your changes could not be published. Open the list.</source>
        <translation>
            <numerusform>%Ln Ihrer Änderungen konnte nicht veröffentlicht werden. Liste öffnen.</numerusform>
            <numerusform>%Ln Ihrer Änderungen konnten nicht veröffentlicht werden. Liste öffnen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Following %Ln topic(s). New things will show in your Inbox.</source>
        <translation>
            <numerusform>Sie folgen %Ln Thema. Neues erscheint in Ihrem Posteingang.</numerusform>
            <numerusform>Sie folgen %Ln Themen. Neues erscheint in Ihrem Posteingang.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server no longer lists %Ln thing(s) this computer holds.</source>
        <translation>
            <numerusform>Der Server führt %Ln Element nicht mehr auf, das auf diesem Computer liegt.</numerusform>
            <numerusform>Der Server führt %Ln Elemente nicht mehr auf, die auf diesem Computer liegen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %Ln from this computer</source>
        <translation>
            <numerusform>%Ln von diesem Computer entfernen</numerusform>
            <numerusform>%Ln von diesem Computer entfernen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not sent to the server yet: %Ln change(s) of yours.</source>
        <translation>
            <numerusform>Noch nicht an den Server gesendet: %Ln Ihrer Änderungen.</numerusform>
            <numerusform>Noch nicht an den Server gesendet: %Ln Ihrer Änderungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not &amp;publish ({count})…</source>
        <translation>Nicht &amp;veröffentlicht ({count})…</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Saved. {audience}. Sending at the next sync…</source>
        <translation>Gespeichert. {audience}. Wird bei der nächsten Synchronisierung gesendet…</translation>
    </message>
    <message>
        <source>Following. New things will show in your Inbox.</source>
        <translation>Sie folgen jetzt. Neues erscheint in Ihrem Posteingang.</translation>
    </message>
    <message>
        <source>No longer following.</source>
        <translation>Sie folgen nicht mehr.</translation>
    </message>
    <message>
        <source>Membership changed. Syncing what you may see…</source>
        <translation>Mitgliedschaft geändert. Was Sie sehen dürfen, wird synchronisiert…</translation>
    </message>
    <message>
        <source>← Back to the question</source>
        <translation>← Zurück zur Frage</translation>
    </message>
    <message>
        <source>Profile saved. Sending at the next sync…</source>
        <translation>Profil gespeichert. Wird bei der nächsten Synchronisierung gesendet…</translation>
    </message>
    <message>
        <source>It did not say why, so kshare kept them. If you expected this (you left a large group, say), remove them from this computer now. Otherwise keep them and ask IT whether the server is all right; kshare asks again at every sync.</source>
        <translation>Er hat keinen Grund genannt, daher hat kshare sie behalten. Wenn Sie das erwartet haben (weil Sie etwa eine große Gruppe verlassen haben), entfernen Sie sie jetzt von diesem Computer. Andernfalls behalten Sie sie und fragen Sie die IT, ob mit dem Server alles in Ordnung ist; kshare fragt bei jeder Synchronisierung erneut.</translation>
    </message>
    <message>
        <source>They stay on this computer and are sent when you sign in again as {username}. To send them now, cancel and sync first.</source>
        <translation>Sie bleiben auf diesem Computer und werden gesendet, wenn Sie sich wieder als {username} anmelden. Um sie jetzt zu senden, brechen Sie ab und synchronisieren Sie zuerst.</translation>
    </message>
    <message>
        <source>They stay on this computer and are sent when you sign in again. To send them now, cancel and sync first.</source>
        <translation>Sie bleiben auf diesem Computer und werden gesendet, wenn Sie sich wieder anmelden. Um sie jetzt zu senden, brechen Sie ab und synchronisieren Sie zuerst.</translation>
    </message>
    <message>
        <source>Sign out and keep them</source>
        <translation>Abmelden und behalten</translation>
    </message>
</context>
<context>
    <name>MentionCompleter</name>
    <message>
        <source>People to mention</source>
        <translation>Personen zum Erwähnen</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>Vor&amp;wärts</translation>
    </message>
    <message>
        <source>Share a &amp;document…</source>
        <translation>&amp;Dokument teilen…</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>Share a document</source>
        <translation>Dokument teilen</translation>
    </message>
    <message>
        <source>Saved 1 document. {summary}. Sending at the next sync…</source>
        <translation>1 Dokument gespeichert. {summary}. Wird bei der nächsten Synchronisierung gesendet…</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n documents. {summary}. Sending at the next sync…</source>
        <translation>
            <numerusform>%n Dokument gespeichert. {summary}. Wird bei der nächsten Synchronisierung gesendet…</numerusform>
            <numerusform>%n Dokumente gespeichert. {summary}. Wird bei der nächsten Synchronisierung gesendet…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NetworkProblem</name>
    <message>
        <source>the proxy {proxy} refused the connection ({error})</source>
        <translation>der Proxy {proxy} hat die Verbindung abgelehnt ({error})</translation>
    </message>
    <message>
        <source>the proxy {proxy} refused the connection</source>
        <translation>der Proxy {proxy} hat die Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>{host} did not answer in time</source>
        <translation>{host} hat nicht rechtzeitig geantwortet</translation>
    </message>
    <message>
        <source>{host} did not answer in time through the proxy {proxy}</source>
        <translation>{host} hat über den Proxy {proxy} nicht rechtzeitig geantwortet</translation>
    </message>
    <message>
        <source>the certificate of {host} is not one your organisation pinned ({error})</source>
        <translation>das Zertifikat von {host} ist keines, das Ihre Organisation festgelegt hat ({error})</translation>
    </message>
    <message>
        <source>the certificate of {host} is not trusted ({reason})</source>
        <translation>dem Zertifikat von {host} wird nicht vertraut ({reason})</translation>
    </message>
    <message>
        <source>the certificate of {host} is not trusted ({reason}); it was issued by {issuer}</source>
        <translation>dem Zertifikat von {host} wird nicht vertraut ({reason}); ausgestellt wurde es von {issuer}</translation>
    </message>
    <message>
        <source>{host}:{port} does not answer with TLS (is it an http:// address?)</source>
        <translation>{host}:{port} antwortet nicht mit TLS (ist es eine http://-Adresse?)</translation>
    </message>
    <message>
        <source>{host} offers only a TLS version kshare refuses (TLS 1.2 or newer needed)</source>
        <translation>{host} bietet nur eine TLS-Version an, die kshare ablehnt (TLS 1.2 oder neuer erforderlich)</translation>
    </message>
    <message>
        <source>the secure connection to {host} failed ({error})</source>
        <translation>die sichere Verbindung zu {host} ist fehlgeschlagen ({error})</translation>
    </message>
    <message>
        <source>the proxy&apos;s host name {host} was not found (DNS)</source>
        <translation>der Hostname des Proxys, {host}, wurde nicht gefunden (DNS)</translation>
    </message>
    <message>
        <source>the host name {host} was not found (DNS)</source>
        <translation>der Hostname {host} wurde nicht gefunden (DNS)</translation>
    </message>
    <message>
        <source>nothing answers at {host}:{port} (connection refused)</source>
        <translation>unter {host}:{port} antwortet nichts (Verbindung abgelehnt)</translation>
    </message>
    <message>
        <source>cannot reach {host} ({error})</source>
        <translation>{host} ist nicht erreichbar ({error})</translation>
    </message>
    <message>
        <source>cannot reach {host} through the proxy {proxy} ({error})</source>
        <translation>{host} ist über den Proxy {proxy} nicht erreichbar ({error})</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>Passwort ändern</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Aktuelles Passwort</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Neues Passwort</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Neues Passwort wiederholen</translation>
    </message>
    <message>
        <source>Your other devices will be signed out.</source>
        <translation>Ihre anderen Geräte werden abgemeldet.</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>Die beiden neuen Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Fill in your current and a new password.</source>
        <translation>Geben Sie Ihr aktuelles und ein neues Passwort ein.</translation>
    </message>
</context>
<context>
    <name>PersonView</name>
    <message>
        <source>Select a colleague to see what they know.</source>
        <translation>Wählen Sie eine Kollegin oder einen Kollegen, um zu sehen, was sie wissen.</translation>
    </message>
    <message>
        <source>This profile is not available to you.</source>
        <translation>Dieses Profil ist für Sie nicht verfügbar.</translation>
    </message>
    <message>
        <source>← Back</source>
        <translation>← Zurück</translation>
    </message>
    <message>
        <source>Back to what you were reading</source>
        <translation>Zurück zu dem, was Sie gelesen haben</translation>
    </message>
    <message>
        <source>Manage my expertise…</source>
        <translation>Mein Fachwissen verwalten…</translation>
    </message>
    <message>
        <source>Manage my expertise profile</source>
        <translation>Mein Fachprofil verwalten</translation>
    </message>
    <message>
        <source>Confirm, hide or remove topics, or opt out of listings</source>
        <translation>Themen bestätigen, ausblenden oder entfernen oder sich aus den Listen austragen</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Themen</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>Kenntnisse</translation>
    </message>
    <message>
        <source>Similar people</source>
        <translation>Ähnliche Personen</translation>
    </message>
    <message>
        <source>Ask me about: {topics}</source>
        <translation>Fragen Sie mich zu: {topics}</translation>
    </message>
    <message>
        <source>You chose not to be listed as an expert.</source>
        <translation>Sie haben festgelegt, nicht als Fachperson aufgeführt zu werden.</translation>
    </message>
    <message>
        <source>{name} chose not to be listed as an expert.</source>
        <translation>{name} möchte nicht als Fachperson aufgeführt werden.</translation>
    </message>
    <message>
        <source>Nothing yet: topics appear as you write, answer and share.</source>
        <translation>Noch nichts: Themen erscheinen, während Sie schreiben, antworten und teilen.</translation>
    </message>
    <message>
        <source>Nothing stands out yet.</source>
        <translation>Noch sticht nichts hervor.</translation>
    </message>
    <message>
        <source>Open {name}&apos;s profile</source>
        <translation>Profil von {name} öffnen</translation>
    </message>
    <message>
        <source>Could not endorse {name} for {skill}: {reason}</source>
        <translation>{name} konnte nicht für {skill} empfohlen werden: {reason}</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Document text</source>
        <translation>Dokumenttext</translation>
    </message>
    <message>
        <source>Page {number} of {count}</source>
        <translation>Seite {number} von {count}</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Edit my profile</source>
        <translation>Mein Profil bearbeiten</translation>
    </message>
    <message>
        <source>PostgreSQL, Kubernetes</source>
        <translation>PostgreSQL, Kubernetes</translation>
    </message>
    <message>
        <source>on-call rotations, capacity planning</source>
        <translation>Bereitschaftsdienste, Kapazitätsplanung</translation>
    </message>
    <message>
        <source>Colleagues see this on your profile and in expert searches. It is saved on this computer first and sent at the next sync.</source>
        <translation>Kolleginnen und Kollegen sehen dies in Ihrem Profil und bei der Suche nach Fachleuten. Es wird zuerst auf diesem Computer gespeichert und bei der nächsten Synchronisierung gesendet.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Standort</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>Fähigkeiten</translation>
    </message>
    <message>
        <source>Ask me about</source>
        <translation>Fragen Sie mich zu</translation>
    </message>
</context>
<context>
    <name>ProgramWarning</name>
    <message>
        <source>“{name}” is {kind}.</source>
        <translation>„{name}“ ist {kind}.</translation>
    </message>
    <message>
        <source>Opening it runs it on this computer, with your rights. Open it only if you expected a program from its author; otherwise save a copy, or cancel.</source>
        <translation>Beim Öffnen wird es auf diesem Computer mit Ihren Rechten ausgeführt. Öffnen Sie es nur, wenn Sie von der Person, die es geteilt hat, ein Programm erwartet haben; speichern Sie sonst eine Kopie oder brechen Sie ab.</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <source>Open anyway</source>
        <translation>Trotzdem öffnen</translation>
    </message>
</context>
<context>
    <name>ReactionBar</name>
    <message>
        <source>Take back your {reaction}</source>
        <translation>Ihr „{reaction}“ zurücknehmen</translation>
    </message>
    <message>
        <source>React with {reaction}</source>
        <translation>Mit „{reaction}“ reagieren</translation>
    </message>
</context>
<context>
    <name>ReplyTitle</name>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Comment on “{title}”</source>
        <translation>Kommentar zu „{title}“</translation>
    </message>
    <message>
        <source>Comment on an answer to “{title}”</source>
        <translation>Kommentar zu einer Antwort auf „{title}“</translation>
    </message>
    <message>
        <source>File attached to “{title}”</source>
        <translation>An „{title}“ angehängte Datei</translation>
    </message>
    <message>
        <source>Shared file</source>
        <translation>Geteilte Datei</translation>
    </message>
    <message>
        <source>{kind} without a title</source>
        <translation>{kind} ohne Titel</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Ohne Titel</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Beitrag</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
</context>
<context>
    <name>RequestRow</name>
    <message>
        <source>asked {when}</source>
        <translation>angefragt {when}</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <source>Approve {name}</source>
        <translation>{name} annehmen</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Decline {name}</source>
        <translation>{name} ablehnen</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Nothing needs review.</source>
        <translation>Nichts muss überprüft werden.</translation>
    </message>
    <message>
        <source>Still right: verify again</source>
        <translation>Noch richtig: erneut bestätigen</translation>
    </message>
    <message>
        <source>(review by {date})</source>
        <translation>(überprüfen bis {date})</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>Tag</source>
        <translation>Schlagwort</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Verfasst von</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Type a few words to search everything you can see.
The index lives on this computer, so search works offline too.</source>
        <translation>Geben Sie ein paar Wörter ein, um alles zu durchsuchen, was Sie sehen dürfen.
Der Index liegt auf diesem Computer, daher funktioniert die Suche auch offline.</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Search posts, questions and documents — works offline</source>
        <translation>Beiträge, Fragen und Dokumente durchsuchen — auch offline</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>Show more results</source>
        <translation>Weitere Ergebnisse anzeigen</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Wird gesucht…</translation>
    </message>
    <message>
        <source>Nothing found for {query}</source>
        <translation>Nichts gefunden für {query}</translation>
    </message>
    <message>
        <source>1 result for {query}</source>
        <translation>1 Ergebnis für {query}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln results for {query}</source>
        <translation>
            <numerusform>%Ln Ergebnis für {query}</numerusform>
            <numerusform>%Ln Ergebnisse für {query}</numerusform>
        </translation>
    </message>
    <message>
        <source>Did you mean &lt;a href=&quot;suggest&quot;&gt;{suggestion}&lt;/a&gt;?</source>
        <translation>Meinten Sie &lt;a href=&quot;suggest&quot;&gt;{suggestion}&lt;/a&gt;?</translation>
    </message>
    <message>
        <source>No matches. Try other words, or fewer of them.</source>
        <translation>Keine Treffer. Versuchen Sie andere oder weniger Wörter.</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>Colleague</source>
        <translation>Kollegin oder Kollege</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Takes effect the next time kshare starts.</source>
        <translation>Wirkt beim nächsten Start von kshare.</translation>
    </message>
    <message>
        <source>Takes effect at the next sync.</source>
        <translation>Wirkt bei der nächsten Synchronisierung.</translation>
    </message>
    <message>
        <source>Takes effect at once.</source>
        <translation>Wirkt sofort.</translation>
    </message>
    <message>
        <source>Set by your organisation</source>
        <translation>Von Ihrer Organisation festgelegt</translation>
    </message>
    <message>
        <source>Your organisation&apos;s managed policy sets this value and does not let it be changed here.</source>
        <translation>Die verwaltete Richtlinie Ihrer Organisation legt diesen Wert fest und lässt nicht zu, dass er hier geändert wird.</translation>
    </message>
    <message>
        <source>Download attached files</source>
        <translation>Angehängte Dateien herunterladen</translation>
    </message>
    <message>
        <source>Files shared with you can be fetched with every sync, so they open offline, or only when you open one, which saves space and bandwidth.</source>
        <translation>Mit Ihnen geteilte Dateien können bei jeder Synchronisierung abgerufen werden, damit sie sich offline öffnen lassen, oder erst, wenn Sie eine öffnen, was Speicherplatz und Bandbreite spart.</translation>
    </message>
    <message>
        <source>With every sync</source>
        <translation>Bei jeder Synchronisierung</translation>
    </message>
    <message>
        <source>When I open one</source>
        <translation>Wenn ich eine öffne</translation>
    </message>
    <message>
        <source>Space for downloaded files</source>
        <translation>Speicherplatz für heruntergeladene Dateien</translation>
    </message>
    <message>
        <source>Downloaded files beyond this are removed, least recently used first; they download again when you open them.</source>
        <translation>Heruntergeladene Dateien darüber hinaus werden entfernt, die am längsten nicht verwendeten zuerst; sie werden erneut heruntergeladen, wenn Sie sie öffnen.</translation>
    </message>
    <message>
        <source>Check for changes every</source>
        <translation>Nach Änderungen suchen alle</translation>
    </message>
    <message>
        <source>Used only when the server cannot send live updates.</source>
        <translation>Wird nur verwendet, wenn der Server keine Live-Aktualisierungen senden kann.</translation>
    </message>
    <message>
        <source>Full safety check every</source>
        <translation>Vollständige Sicherheitsprüfung alle</translation>
    </message>
    <message>
        <source>A complete comparison with the server that finds anything an ordinary sync missed.</source>
        <translation>Ein vollständiger Abgleich mit dem Server, der alles findet, was eine gewöhnliche Synchronisierung übersehen hat.</translation>
    </message>
    <message>
        <source>Remove company content when offline for</source>
        <translation>Unternehmensinhalte entfernen, wenn offline seit</translation>
    </message>
    <message>
        <source>If this computer cannot sync for this long, its copy of shared content is removed at start-up or at the next sync attempt. Your unsent writes are kept.</source>
        <translation>Kann dieser Computer so lange nicht synchronisieren, wird seine Kopie der geteilten Inhalte beim Start oder beim nächsten Synchronisierungsversuch entfernt. Ihre noch nicht gesendeten Änderungen bleiben erhalten.</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Desktop notifications</source>
        <translation>Desktop-Benachrichtigungen</translation>
    </message>
    <message>
        <source>Announce new inbox entries on the desktop (where the system has a tray). Nothing older than the last announcement is ever announced.</source>
        <translation>Neue Einträge im Posteingang auf dem Desktop melden (wo das System einen Infobereich hat). Nichts, was älter als die letzte Meldung ist, wird je gemeldet.</translation>
    </message>
    <message>
        <source>Notify me of mentions of me</source>
        <translation>Mich bei Erwähnungen benachrichtigen</translation>
    </message>
    <message>
        <source>Notify me of answers to my questions</source>
        <translation>Mich bei Antworten auf meine Fragen benachrichtigen</translation>
    </message>
    <message>
        <source>Notify me of accepted answers</source>
        <translation>Mich bei akzeptierten Antworten benachrichtigen</translation>
    </message>
    <message>
        <source>Notify me of replies and comments</source>
        <translation>Mich bei Antworten und Kommentaren benachrichtigen</translation>
    </message>
    <message>
        <source>Notify me of endorsements</source>
        <translation>Mich bei Empfehlungen benachrichtigen</translation>
    </message>
    <message>
        <source>Notify me of group membership</source>
        <translation>Mich bei Gruppenmitgliedschaften benachrichtigen</translation>
    </message>
    <message>
        <source>Notify me of new items in what I follow</source>
        <translation>Mich bei Neuem in dem, was ich verfolge, benachrichtigen</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Light or dark; “Follow the system” changes with your desktop&apos;s dark mode.</source>
        <translation>Hell oder dunkel; „Wie das System“ wechselt mit dem Dunkelmodus Ihres Desktops.</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The language of kshare&apos;s windows; “Follow the system” uses your desktop&apos;s language where kshare has it, and English otherwise.</source>
        <translation>Die Sprache der Fenster von kshare; „Wie das System“ verwendet die Sprache Ihres Desktops, sofern kshare sie anbietet, und sonst Englisch.</translation>
    </message>
    <message>
        <source>Help curators find gaps</source>
        <translation>Dem Kuratierungsteam helfen, Lücken zu finden</translation>
    </message>
    <message>
        <source>When a search of yours finds nothing, tell the company&apos;s curators the words, never your name; they see a search only once five people have made it.</source>
        <translation>Wenn eine Ihrer Suchen nichts findet, dem Kuratierungsteam des Unternehmens die Suchwörter mitteilen, nie Ihren Namen; es sieht eine Suche erst, wenn fünf Personen sie durchgeführt haben.</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>“system” follows this computer&apos;s proxy settings, “none” connects directly; or give an address such as http://proxy.example.com:3128.</source>
        <translation>„system“ folgt den Proxy-Einstellungen dieses Computers, „none“ verbindet direkt; oder geben Sie eine Adresse wie http://proxy.example.com:3128 an.</translation>
    </message>
    <message>
        <source>Proxy auto-config (PAC)</source>
        <translation>Automatische Proxy-Konfiguration (PAC)</translation>
    </message>
    <message>
        <source>The address of your organisation&apos;s PAC script; with proxy “system” it decides which proxy each connection uses.</source>
        <translation>Die Adresse des PAC-Skripts Ihrer Organisation; mit dem Proxy „system“ entscheidet es, welchen Proxy jede Verbindung verwendet.</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>Updates</translation>
    </message>
    <message>
        <source>Which releases your organisation offers you.</source>
        <translation>Welche Versionen Ihre Organisation Ihnen anbietet.</translation>
    </message>
    <message>
        <source>Stable releases</source>
        <translation>Stabile Versionen</translation>
    </message>
    <message>
        <source>Early releases (beta)</source>
        <translation>Frühe Versionen (Beta)</translation>
    </message>
    <message>
        <source>Download shared documents</source>
        <translation>Geteilte Dokumente herunterladen</translation>
    </message>
    <message>
        <source>Opening shared files.</source>
        <translation>Geteilte Dateien öffnen.</translation>
    </message>
    <message>
        <source>Publish to the whole organisation</source>
        <translation>An die gesamte Organisation veröffentlichen</translation>
    </message>
    <message>
        <source>Choosing “Everyone” as the audience.</source>
        <translation>„Alle“ als Publikum wählen.</translation>
    </message>
    <message>
        <source>Find experts</source>
        <translation>Fachleute finden</translation>
    </message>
    <message>
        <source>Expert search and suggestions.</source>
        <translation>Suche nach Fachleuten und Vorschläge.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Set by {variable} for this run</source>
        <translation>Für diese Sitzung durch {variable} festgelegt</translation>
    </message>
    <message>
        <source>The environment variable {variable} decides this value while it is set; unset it to choose here.</source>
        <translation>Die Umgebungsvariable {variable} bestimmt diesen Wert, solange sie gesetzt ist; entfernen Sie sie, um hier zu wählen.</translation>
    </message>
    <message>
        <source>Your settings could not be saved: {reason}</source>
        <translation>Ihre Einstellungen konnten nicht gespeichert werden: {reason}</translation>
    </message>
    <message>
        <source>Settings saved. Some take effect the next time kshare starts.</source>
        <translation>Einstellungen gespeichert. Einige wirken erst beim nächsten Start von kshare.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
</context>
<context>
    <name>ShareDocumentDialog</name>
    <message>
        <source>Share a document</source>
        <translation>Ein Dokument teilen</translation>
    </message>
    <message>
        <source>A title (the file name when left empty)</source>
        <translation>Ein Titel (leer gelassen: der Dateiname)</translation>
    </message>
    <message>
        <source>Each file keeps its own name as its title</source>
        <translation>Jede Datei behält ihren eigenen Namen als Titel</translation>
    </message>
    <message>
        <source>onboarding, handbook</source>
        <translation>einarbeitung, handbuch</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Teilen</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Sichtbarkeit</translation>
    </message>
    <message>
        <source>Who will see this</source>
        <translation>Wer dies sehen wird</translation>
    </message>
    <message>
        <source>Sharing…</source>
        <translation>Wird geteilt…</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menü</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
</context>
<context>
    <name>SkillRow</name>
    <message>
        <source>Endorse</source>
        <translation>Empfehlen</translation>
    </message>
    <message>
        <source>Endorse {person} for {skill}</source>
        <translation>{person} für {skill} empfehlen</translation>
    </message>
    <message>
        <source>Vouch that {person} knows {skill}</source>
        <translation>Bestätigen, dass {person} sich mit {skill} auskennt</translation>
    </message>
    <message>
        <source>Endorsed</source>
        <translation>Empfohlen</translation>
    </message>
    <message>
        <source>You endorsed this; it is sent at the next sync</source>
        <translation>Sie haben dies empfohlen; es wird bei der nächsten Synchronisierung gesendet</translation>
    </message>
    <message>
        <source>Endorsing…</source>
        <translation>Wird empfohlen…</translation>
    </message>
</context>
<context>
    <name>SuggestedPeople</name>
    <message>
        <source>People who might know</source>
        <translation>Menschen, die es wissen könnten</translation>
    </message>
    <message>
        <source>Open {name}&apos;s profile</source>
        <translation>Profil von {name} öffnen</translation>
    </message>
    <message>
        <source>Could not suggest anyone: {reason}</source>
        <translation>Es konnte niemand vorgeschlagen werden: {reason}</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Not synced yet</source>
        <translation>Noch nicht synchronisiert</translation>
    </message>
    <message>
        <source>Signed in; not synced yet</source>
        <translation>Angemeldet; noch nicht synchronisiert</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>Sign in again to sync.</source>
        <translation>Melden Sie sich erneut an, um zu synchronisieren.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Wird synchronisiert…</translation>
    </message>
    <message>
        <source>Syncing… {done} of {total}</source>
        <translation>Wird synchronisiert… {done} von {total}</translation>
    </message>
    <message>
        <source>Syncing… {done}</source>
        <translation>Wird synchronisiert… {done}</translation>
    </message>
    <message>
        <source>Sync cancelled</source>
        <translation>Synchronisierung abgebrochen</translation>
    </message>
    <message>
        <source>Your sign-in has expired. Sign in again to keep syncing.</source>
        <translation>Ihre Anmeldung ist abgelaufen. Melden Sie sich erneut an, um weiter zu synchronisieren.</translation>
    </message>
    <message>
        <source>Your kshare account was disabled. Everything kshare kept on this computer for it has been removed. Ask IT if you think this is a mistake.</source>
        <translation>Ihr kshare-Konto wurde deaktiviert. Alles, was kshare dafür auf diesem Computer gespeichert hatte, wurde entfernt. Fragen Sie die IT, wenn Sie das für einen Fehler halten.</translation>
    </message>
    <message>
        <source>The server refused the sync: {reason}</source>
        <translation>Der Server hat die Synchronisierung abgelehnt: {reason}</translation>
    </message>
    <message>
        <source>kshare could not write its cache on this computer; see the log for details.</source>
        <translation>kshare konnte seinen Zwischenspeicher auf diesem Computer nicht schreiben; Einzelheiten stehen im Protokoll.</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Auf dem neuesten Stand</translation>
    </message>
    <message>
        <source>Up to date — {count} change of yours needs a look</source>
        <translation>Auf dem neuesten Stand — {count} Änderung von Ihnen sollten Sie sich ansehen</translation>
    </message>
    <message>
        <source>Up to date — {count} changes of yours need a look</source>
        <translation>Auf dem neuesten Stand — {count} Änderungen von Ihnen sollten Sie sich ansehen</translation>
    </message>
    <message>
        <source>Offline — retrying in {wait}: {cause}</source>
        <translation>Offline — neuer Versuch in {wait}: {cause}</translation>
    </message>
    <message>
        <source>The server is having trouble — retrying in {wait}</source>
        <translation>Der Server hat Probleme — neuer Versuch in {wait}</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} Min.</translation>
    </message>
    <message>
        <source>This computer had not synced for more than {days} days, so your company&apos;s policy removed its copy of shared content. It returns at the next sync; your unsent writes are kept.</source>
        <translation>Dieser Computer hat seit mehr als {days} Tagen nicht synchronisiert, daher hat die Richtlinie Ihres Unternehmens seine Kopie der geteilten Inhalte entfernt. Sie kehrt bei der nächsten Synchronisierung zurück; Ihre noch nicht gesendeten Änderungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>{url} does not look like a kshare server</source>
        <translation>{url} scheint kein kshare-Server zu sein</translation>
    </message>
    <message>
        <source>{url} is not a kshare server</source>
        <translation>{url} ist kein kshare-Server</translation>
    </message>
    <message>
        <source>the server (kshare {version}, API {api}) is too old for this desktop (API {mine}); ask IT to update it</source>
        <translation>Der Server (kshare {version}, API {api}) ist zu alt für diese Desktop-App (API {mine}); bitten Sie die IT, ihn zu aktualisieren</translation>
    </message>
    <message>
        <source>this kshare ({mine}) is too old for the server (it needs {needed}); update kshare</source>
        <translation>Dieses kshare ({mine}) ist zu alt für den Server (er braucht {needed}); aktualisieren Sie kshare</translation>
    </message>
    <message>
        <source>The server no longer lists {doomed} of the {total} things this computer holds. kshare stopped instead of deleting them; if that is expected (you left a large group, say), confirm the removal and sync again.</source>
        <translation>Der Server führt {doomed} der {total} Elemente, die auf diesem Computer liegen, nicht mehr auf. kshare hat angehalten, statt sie zu löschen; wenn Sie das erwartet haben (weil Sie etwa eine große Gruppe verlassen haben), bestätigen Sie das Entfernen und synchronisieren Sie erneut.</translation>
    </message>
    <message>
        <source>This kshare ({mine}) is too old for your company&apos;s server, which needs {minimum} or newer. Get it from {url}.</source>
        <translation>Dieses kshare ({mine}) ist zu alt für den Server Ihres Unternehmens, der {minimum} oder neuer braucht. Sie erhalten es unter {url}.</translation>
    </message>
    <message>
        <source>This kshare ({mine}) is too old for your company&apos;s server, which needs {minimum} or newer. Ask your IT department.</source>
        <translation>Dieses kshare ({mine}) ist zu alt für den Server Ihres Unternehmens, der {minimum} oder neuer braucht. Fragen Sie Ihre IT-Abteilung.</translation>
    </message>
    <message>
        <source>kshare {recommended} is available (you have {mine}). Get it from {url}.</source>
        <translation>kshare {recommended} ist verfügbar (Sie haben {mine}). Sie erhalten es unter {url}.</translation>
    </message>
    <message>
        <source>kshare {recommended} is available (you have {mine}). Ask your IT department.</source>
        <translation>kshare {recommended} ist verfügbar (Sie haben {mine}). Fragen Sie Ihre IT-Abteilung.</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Auf dem neuesten Stand</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Wird synchronisiert…</translation>
    </message>
    <message>
        <source>Showing what is on this computer; reading and search still work</source>
        <translation>Zeigt, was auf diesem Computer liegt; Lesen und Suchen funktionieren weiterhin</translation>
    </message>
    <message>
        <source>Server unreachable — retrying</source>
        <translation>Server nicht erreichbar — neuer Versuch</translation>
    </message>
    <message>
        <source>The server is too old for this version of kshare</source>
        <translation>Der Server ist zu alt für diese Version von kshare</translation>
    </message>
    <message>
        <source>Please sign in again</source>
        <translation>Bitte melden Sie sich erneut an</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>Synchronisierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>{done} of {total} items</source>
        <translation>{done} von {total} Einträgen</translation>
    </message>
    <message>
        <source>{count} items</source>
        <translation>{count} Einträge</translation>
    </message>
    <message>
        <source>files {percent}% of {megabytes} MB</source>
        <translation>Dateien {percent} % von {megabytes} MB</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● Offline</translation>
    </message>
    <message>
        <source>The server cannot be reached. Reading and search still work.</source>
        <translation>Der Server ist nicht erreichbar. Lesen und Suchen funktionieren weiterhin.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Fetch new posts and send yours (F5)</source>
        <translation>Neue Beiträge abrufen und Ihre senden (F5)</translation>
    </message>
    <message>
        <source>Syncing… {progress}</source>
        <translation>Wird synchronisiert… {progress}</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to be sent</source>
        <translation>
            <numerusform>%n wartet auf das Senden</numerusform>
            <numerusform>%n warten auf das Senden</numerusform>
        </translation>
    </message>
    <message>
        <source>Last sync: {when}</source>
        <translation>Letzte Synchronisierung: {when}</translation>
    </message>
</context>
<context>
    <name>TagPage</name>
    <message>
        <source>Top content</source>
        <translation>Top-Inhalte</translation>
    </message>
    <message>
        <source>People who know this</source>
        <translation>Personen, die sich damit auskennen</translation>
    </message>
    <message>
        <source>People who know about it</source>
        <translation>Personen, die sich damit auskennen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
</context>
<context>
    <name>TaskLabel</name>
    <message>
        <source>counting who will see this</source>
        <translation>Zählen der Empfänger</translation>
    </message>
    <message>
        <source>loading groups and people</source>
        <translation>Laden der Gruppen und Personen</translation>
    </message>
    <message>
        <source>saving your post</source>
        <translation>Speichern Ihres Beitrags</translation>
    </message>
    <message>
        <source>opening the item</source>
        <translation>Öffnen des Eintrags</translation>
    </message>
    <message>
        <source>finding people who might know</source>
        <translation>Suchen nach Personen mit passendem Wissen</translation>
    </message>
    <message>
        <source>finding the person mentioned</source>
        <translation>Suchen der erwähnten Person</translation>
    </message>
    <message>
        <source>reading the document&apos;s versions</source>
        <translation>Lesen der Dokumentversionen</translation>
    </message>
    <message>
        <source>preparing the preview</source>
        <translation>Vorbereiten der Vorschau</translation>
    </message>
    <message>
        <source>fetching the file</source>
        <translation>Abrufen der Datei</translation>
    </message>
    <message>
        <source>saving a copy of the file</source>
        <translation>Speichern einer Kopie der Datei</translation>
    </message>
    <message>
        <source>opening the group</source>
        <translation>Öffnen der Gruppe</translation>
    </message>
    <message>
        <source>listing groups</source>
        <translation>Auflisten der Gruppen</translation>
    </message>
    <message>
        <source>joining the group</source>
        <translation>Beitreten zur Gruppe</translation>
    </message>
    <message>
        <source>leaving the group</source>
        <translation>Verlassen der Gruppe</translation>
    </message>
    <message>
        <source>reading the requests to join</source>
        <translation>Lesen der Beitrittsanfragen</translation>
    </message>
    <message>
        <source>approving the request</source>
        <translation>Annehmen der Anfrage</translation>
    </message>
    <message>
        <source>declining the request</source>
        <translation>Ablehnen der Anfrage</translation>
    </message>
    <message>
        <source>working</source>
        <translation>Arbeiten</translation>
    </message>
    <message>
        <source>reading the expertise profile</source>
        <translation>Lesen des Fachprofils</translation>
    </message>
    <message>
        <source>saving your endorsement</source>
        <translation>Speichern Ihrer Empfehlung</translation>
    </message>
    <message>
        <source>sharing your files</source>
        <translation>Teilen Ihrer Dateien</translation>
    </message>
    <message>
        <source>opening the tag</source>
        <translation>Öffnen des Schlagworts</translation>
    </message>
    <message>
        <source>reading the sync state</source>
        <translation>Lesen des Synchronisierungsstands</translation>
    </message>
    <message>
        <source>reading what could not be published</source>
        <translation>Lesen der nicht veröffentlichten Einträge</translation>
    </message>
    <message>
        <source>keeping your version</source>
        <translation>Behalten Ihrer Fassung</translation>
    </message>
    <message>
        <source>keeping the server&apos;s version</source>
        <translation>Behalten der Serverfassung</translation>
    </message>
    <message>
        <source>discarding</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>following</source>
        <translation>Folgen</translation>
    </message>
    <message>
        <source>stopping following</source>
        <translation>Beenden des Folgens</translation>
    </message>
    <message>
        <source>signing out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>looking for news to announce</source>
        <translation>Suchen nach Neuigkeiten für Benachrichtigungen</translation>
    </message>
    <message>
        <source>listing your devices</source>
        <translation>Auflisten Ihrer Geräte</translation>
    </message>
    <message>
        <source>signing the device out</source>
        <translation>Abmelden des Geräts</translation>
    </message>
    <message>
        <source>changing your password</source>
        <translation>Ändern Ihres Passworts</translation>
    </message>
    <message>
        <source>reading your expertise profile</source>
        <translation>Lesen Ihres Fachprofils</translation>
    </message>
    <message>
        <source>saving your expertise profile</source>
        <translation>Speichern Ihres Fachprofils</translation>
    </message>
    <message>
        <source>finding experts</source>
        <translation>Suchen nach Fachpersonen</translation>
    </message>
    <message>
        <source>loading the feed</source>
        <translation>Laden des Feeds</translation>
    </message>
    <message>
        <source>reading what you follow</source>
        <translation>Lesen dessen, dem Sie folgen</translation>
    </message>
    <message>
        <source>ranking Home</source>
        <translation>Zusammenstellen der Startseite</translation>
    </message>
    <message>
        <source>reading the inbox</source>
        <translation>Lesen des Posteingangs</translation>
    </message>
    <message>
        <source>marking read</source>
        <translation>Markieren als gelesen</translation>
    </message>
    <message>
        <source>marking the inbox read</source>
        <translation>Markieren des Posteingangs als gelesen</translation>
    </message>
    <message>
        <source>asking the server how to sign in</source>
        <translation>Abfragen der Anmeldemöglichkeiten beim Server</translation>
    </message>
    <message>
        <source>signing in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>reading your profile</source>
        <translation>Lesen Ihres Profils</translation>
    </message>
    <message>
        <source>saving your profile</source>
        <translation>Speichern Ihres Profils</translation>
    </message>
    <message>
        <source>searching</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>noting a search that did not help</source>
        <translation>Vermerken einer erfolglosen Suche</translation>
    </message>
    <message>
        <source>saving your settings</source>
        <translation>Speichern Ihrer Einstellungen</translation>
    </message>
    <message>
        <source>syncing</source>
        <translation>Synchronisieren</translation>
    </message>
    <message>
        <source>listening for live updates</source>
        <translation>Empfangen von Live-Aktualisierungen</translation>
    </message>
    <message>
        <source>opening the collection</source>
        <translation>Öffnen der Sammlung</translation>
    </message>
    <message>
        <source>fetching the health report</source>
        <translation>Abrufen des Zustandsberichts</translation>
    </message>
    <message>
        <source>reading the tag</source>
        <translation>Lesen des Schlagworts</translation>
    </message>
</context>
<context>
    <name>TimeField</name>
    <message>
        <source>d MMM yyyy, HH:mm</source>
        <translation>d. MMM yyyy, HH:mm</translation>
    </message>
    <message>
        <source>Local time</source>
        <translation>Ortszeit</translation>
    </message>
</context>
<context>
    <name>TopicChoices</name>
    <message>
        <source>Strength {percent}% of your strongest topic</source>
        <translation>Stärke: {percent} % Ihres stärksten Themas</translation>
    </message>
    <message>
        <source>✓ Confirmed by you</source>
        <translation>✓ Von Ihnen bestätigt</translation>
    </message>
    <message>
        <source>Found in what you wrote</source>
        <translation>In Ihren Texten gefunden</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Confirm {topic}</source>
        <translation>{topic} bestätigen</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Hide {topic}</source>
        <translation>{topic} ausblenden</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove {topic} from my profile</source>
        <translation>{topic} aus meinem Profil entfernen</translation>
    </message>
</context>
<context>
    <name>TopicRow</name>
    <message>
        <source>Strength {percent}% of their strongest topic</source>
        <translation>Stärke {percent} % ihres stärksten Themas</translation>
    </message>
    <message>
        <source>✓ Confirmed</source>
        <translation>✓ Bestätigt</translation>
    </message>
    <message>
        <source>They confirmed they know this</source>
        <translation>Die Person hat bestätigt, dass sie sich damit auskennt</translation>
    </message>
    <message>
        <source>{topic}, strength {percent} percent, confirmed</source>
        <translation>{topic}, Stärke {percent} Prozent, bestätigt</translation>
    </message>
    <message>
        <source>{topic}, strength {percent} percent</source>
        <translation>{topic}, Stärke {percent} Prozent</translation>
    </message>
</context>
<context>
    <name>UnpublishedDialog</name>
    <message>
        <source>Everything you wrote has reached the server.</source>
        <translation>Alles, was Sie geschrieben haben, ist beim Server angekommen.</translation>
    </message>
    <message>
        <source>Could not publish</source>
        <translation>Nicht veröffentlicht</translation>
    </message>
    <message>
        <source>These did not reach the server. Nothing here is sent again unless you choose to.</source>
        <translation>Diese Einträge sind nicht beim Server angekommen. Nichts davon wird erneut gesendet, außer Sie entscheiden sich dafür.</translation>
    </message>
    <message>
        <source>Discard this?</source>
        <translation>Verwerfen?</translation>
    </message>
    <message>
        <source>What you wrote is deleted from this computer. Copy your text first if you want to keep it.</source>
        <translation>Was Sie geschrieben haben, wird von diesem Computer gelöscht. Kopieren Sie Ihren Text vorher, wenn Sie ihn behalten möchten.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
</context>
<context>
    <name>audience_options</name>
    <message>
        <source>{day}, {time}</source>
        <translation>{day}, {time}</translation>
    </message>
    <message>
        <source>from {when}</source>
        <translation>ab {when}</translation>
    </message>
    <message>
        <source>until {when}</source>
        <translation>bis {when}</translation>
    </message>
    <message>
        <source>{names} can edit</source>
        <translation>{names} darf bearbeiten</translation>
    </message>
    <message>
        <source>{names} and {last}</source>
        <translation>{names} und {last}</translation>
    </message>
    <message>
        <source>Scheduled for {when}</source>
        <translation>Geplant für {when}</translation>
    </message>
    <message>
        <source>Visible until {when}</source>
        <translation>Sichtbar bis {when}</translation>
    </message>
</context>
<context>
    <name>detail_view</name>
    <message>
        <source>{author}&apos;s answer</source>
        <translation>Antwort von {author}</translation>
    </message>
    <message>
        <source>{author}&apos;s comment</source>
        <translation>Kommentar von {author}</translation>
    </message>
    <message>
        <source>Remote image not loaded</source>
        <translation>Externes Bild nicht geladen</translation>
    </message>
    <message>
        <source>✓ Accepted answer</source>
        <translation>✓ Akzeptierte Antwort</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>Wartet auf Synchronisierung</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>Beantwortet von</translation>
    </message>
    <message>
        <source>COMMENTS</source>
        <translation>KOMMENTARE</translation>
    </message>
    <message>
        <source>in {groups}</source>
        <translation>in {groups}</translation>
    </message>
</context>
<context>
    <name>document_panel</name>
    <message>
        <source>{size} bytes</source>
        <translation>{size} Byte</translation>
    </message>
    <message>
        <source>{size} KB</source>
        <translation>{size} KB</translation>
    </message>
    <message>
        <source>{size} MB</source>
        <translation>{size} MB</translation>
    </message>
    <message>
        <source>{file} · on this computer · {versions}</source>
        <translation>{file} · auf diesem Computer · {versions}</translation>
    </message>
    <message>
        <source>{file} · Not downloaded yet: it is fetched when you preview, open or save it · {versions}</source>
        <translation>{file} · Noch nicht heruntergeladen: Die Datei wird abgerufen, wenn Sie sie in der Vorschau anzeigen, öffnen oder speichern · {versions}</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>Auf diesem Computer</translation>
    </message>
    <message>
        <source>Not downloaded yet</source>
        <translation>Noch nicht heruntergeladen</translation>
    </message>
    <message>
        <source>Save {name} as</source>
        <translation>{name} speichern unter</translation>
    </message>
    <message>
        <source>{number} (current)</source>
        <translation>{number} (aktuell)</translation>
    </message>
    <message>
        <source>not sent yet</source>
        <translation>noch nicht gesendet</translation>
    </message>
</context>
<context>
    <name>group_page</name>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <source>secret</source>
        <translation>geheim</translation>
    </message>
</context>
<context>
    <name>groups_page</name>
    <message>
        <source>No groups you may join yet.</source>
        <translation>Noch keine Gruppen, denen Sie beitreten können.</translation>
    </message>
    <message>
        <source>Asking the server for groups…</source>
        <translation>Die Gruppen werden beim Server angefragt…</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>Open: anyone may join</source>
        <translation>Offen: Alle dürfen beitreten</translation>
    </message>
    <message>
        <source>Closed: an owner approves who joins</source>
        <translation>Geschlossen: Ein Besitzer entscheidet über den Beitritt</translation>
    </message>
    <message>
        <source>Secret: members only</source>
        <translation>Geheim: nur für Mitglieder</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>Something went wrong while {label}.</source>
        <translation>Beim {label} ist ein Fehler aufgetreten.</translation>
    </message>
</context>
<context>
    <name>person_view</name>
    <message>
        <source>no endorsements yet</source>
        <translation>noch keine Empfehlungen</translation>
    </message>
</context>
<context>
    <name>pictures</name>
    <message>
        <source>Who answers whose questions</source>
        <translation>Wer wessen Fragen beantwortet</translation>
    </message>
    <message>
        <source>{title} (median days to a first answer)</source>
        <translation>{title} (Median der Tage bis zur ersten Antwort)</translation>
    </message>
    <message>
        <source>{days} d</source>
        <translation>{days} T.</translation>
    </message>
    <message>
        <source>Who connects otherwise separate groups</source>
        <translation>Wer sonst getrennte Gruppen verbindet</translation>
    </message>
</context>
<context>
    <name>reactions</name>
    <message>
        <source>Thumbs up</source>
        <translation>Daumen hoch</translation>
    </message>
    <message>
        <source>Heart</source>
        <translation>Herz</translation>
    </message>
    <message>
        <source>Celebrate</source>
        <translation>Feiern</translation>
    </message>
    <message>
        <source>Insightful</source>
        <translation>Aufschlussreich</translation>
    </message>
    <message>
        <source>Thanks</source>
        <translation>Danke</translation>
    </message>
    <message>
        <source>{name}, {reactions}, including yours</source>
        <translation>{name}, {reactions}, Ihre eingeschlossen</translation>
    </message>
    <message>
        <source>{name}, {reactions}</source>
        <translation>{name}, {reactions}</translation>
    </message>
</context>
<context>
    <name>tag_page</name>
    <message>
        <source>{kind} by {author}</source>
        <translation>{kind} von {author}</translation>
    </message>
</context>
<context>
    <name>text</name>
    <message>
        <source>Post</source>
        <translation>Beitrag</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>Sammlung</translation>
    </message>
    <message>
        <source>{date}, {time}</source>
        <translation>{date}, {time}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>{minutes} min ago</source>
        <translation>vor {minutes} Min.</translation>
    </message>
    <message>
        <source>{hours} h ago</source>
        <translation>vor {hours} Std.</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>gestern</translation>
    </message>
    <message>
        <source>Visible to: only you</source>
        <translation>Sichtbar für: nur Sie</translation>
    </message>
    <message>
        <source>Visible to: everyone in the company</source>
        <translation>Sichtbar für: alle im Unternehmen</translation>
    </message>
    <message>
        <source>Choose who can see this</source>
        <translation>Wählen Sie, wer dies sehen kann</translation>
    </message>
    <message>
        <source>Visible to: {names}</source>
        <translation>Sichtbar für: {names}</translation>
    </message>
</context>
<context>
    <name>unpublished_dialog</name>
    <message>
        <source>Deleting an item</source>
        <translation>Löschen eines Eintrags</translation>
    </message>
    <message>
        <source>Taking back a reaction</source>
        <translation>Zurücknehmen einer Reaktion</translation>
    </message>
    <message>
        <source>Uploading a file</source>
        <translation>Hochladen einer Datei</translation>
    </message>
    <message>
        <source>Accepting an answer</source>
        <translation>Akzeptieren einer Antwort</translation>
    </message>
    <message>
        <source>A change to your profile</source>
        <translation>Eine Änderung an Ihrem Profil</translation>
    </message>
    <message>
        <source>An endorsement</source>
        <translation>Eine Empfehlung</translation>
    </message>
    <message>
        <source>“{text}”</source>
        <translation>„{text}“</translation>
    </message>
    <message>
        <source>group {name}</source>
        <translation>Gruppe {name}</translation>
    </message>
    <message>
        <source>person {name}</source>
        <translation>Person {name}</translation>
    </message>
    <message>
        <source>everyone in the company</source>
        <translation>alle im Unternehmen</translation>
    </message>
    <message>
        <source>only you</source>
        <translation>nur Sie</translation>
    </message>
    <message>
        <source>Visible to: {who}</source>
        <translation>Sichtbar für: {who}</translation>
    </message>
    <message>
        <source>can also edit: {who}</source>
        <translation>dürfen auch bearbeiten: {who}</translation>
    </message>
    <message>
        <source>from {when}</source>
        <translation>ab {when}</translation>
    </message>
    <message>
        <source>until {when}</source>
        <translation>bis {when}</translation>
    </message>
    <message>
        <source>Your new {kind} {title}</source>
        <translation>Neu von Ihnen: {kind} {title}</translation>
    </message>
    <message>
        <source>Your change of who can see {title}</source>
        <translation>Ihre Änderung, wer {title} sehen kann</translation>
    </message>
    <message>
        <source>Your edit of {title}</source>
        <translation>Ihre Bearbeitung von {title}</translation>
    </message>
    <message>
        <source>Your reaction {emoji}</source>
        <translation>Ihre Reaktion {emoji}</translation>
    </message>
    <message>
        <source>It was changed on the server before your edit arrived. Choose which to keep.</source>
        <translation>Es wurde auf dem Server geändert, bevor Ihre Bearbeitung ankam. Wählen Sie, welche Fassung bleiben soll.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <source>The server refused it: {reason}.</source>
        <translation>Der Server hat es abgelehnt: {reason}.</translation>
    </message>
</context>
</TS>
