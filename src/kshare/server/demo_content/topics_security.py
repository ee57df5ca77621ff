"""Security: single sign-on, phishing drills, secrets, audits and questionnaires."""

from __future__ import annotations

from kshare.server.demo_content.spec import answer, article, comment, post, question

TONE = "howto"  # the kind of comments colleagues leave (see chatter.py)

THREADS = (
    article(
        "sec-sso-new-saas",
        "fatima.elamrani",
        "Connecting a new SaaS tool to single sign-on: the checklist",
        """
        Every tool that holds company data must sign in through Okta. This is the checklist we
        follow; if you are buying a tool, send it to the vendor early, because "SSO is only in
        the Enterprise plan" changes the price.

        ## Before purchase

        - Does the tool support **SAML 2.0 or OIDC**? Both are fine; OIDC is easier to set up.
        - Does it support **SCIM** provisioning? Without SCIM, leavers keep access until someone
          remembers to remove them.
        - Can local password login be disabled for everyone except one break-glass admin?

        ## Setting it up

        1. Open a ticket in the *Access* queue with the vendor's SSO documentation.
        2. We create the Okta app and send you the metadata URL (SAML) or client ID (OIDC).
        3. You configure the vendor side with us on a 30-minute call.
        4. We assign the app to a group, never to individuals.

        ## Current state

        | Tool | Protocol | SCIM | Local login disabled |
        |------|----------|------|----------------------|
        | Salesforce | SAML | yes | yes |
        | Zendesk | SAML | yes | yes |
        | Looker | OIDC | yes | yes |
        | Figma | SAML | no | yes |
        | Miro | SAML | yes | no (migration in progress) |

        Questions in `#ask-security`, or ask me directly.
        """,
        tags=("SSO", "Okta", "SAML", "procurement"),
        hooks=("the SCIM requirement", "the break-glass admin", "assigning apps to groups"),
    ),
    question(
        "sec-salesforce-double-login",
        "amelia.clarke",
        "Salesforce asks me to log in twice since Monday. Is that the SSO change?",
        """
        Since Monday I get the Okta screen, then a Salesforce login screen, then I am in. A
        couple of the team see the same. Did something change, and should I worry?
        """,
        tags=("sso", "Salesforce"),
        hooks=("the old bookmark", "the My Domain URL"),
        answers=(
            answer(
                "fatima.elamrani",
                """
                Yes, that's us, and nothing to worry about. We moved Salesforce to its new
                *My Domain* URL on Monday. Old bookmarks point at `login.salesforce.com`, which
                shows the Salesforce screen first and then bounces to Okta.

                Fix: open Salesforce from the Okta dashboard once and bookmark the address you
                land on (`northwind.my.salesforce.com`). One login from then on.
                """,
                accepted=True,
            ),
        ),
        comments=(
            comment(
                "amelia.clarke",
                "That was it. Sending the tip to the whole sales team. Thanks Fatima!",
                on=0,
            ),
        ),
    ),
    post(
        "sec-phishing-drill-results",
        "liam.oconnor",
        "Phishing drill results: 14 % clicked, 61 % reported",
        """
        Thank you to everyone who reported last week's test mail, a fake "updated parental
        leave policy" from a look-alike domain. The numbers:

        - **61 %** reported it with the *Report phishing* button (last drill: 38 %).
        - **14 %** clicked the link (last drill: 19 %).
        - **3 %** entered a password on the fake page. They will get a short, friendly
          follow-up from me, not a telling-off.

        The giveaways this time were the sender domain (`northwind-analytlcs.com`, with an L
        instead of an I) and the urgency ("confirm by 5 pm today"). Real HR mails never ask you
        to confirm anything with your password.

        The next drill will be different. No hints.
        """,
        tags=("phishing", "security awareness"),
        days_ago=(135, 140),
        tone="policy",
        hooks=("the look-alike domain", "the Report phishing button", "the friendly follow-up"),
    ),
    question(
        "sec-gift-card-email",
        "katarzyna.wrobel",
        'I got an email from "Helena" asking me to buy gift cards. Is it real?',
        """
        It says it's from Helena, sent from a Gmail address, asking if I'm at my desk and
        whether I can buy six 100 EUR gift cards for a client event "before the end of the day".
        It feels wrong, but I don't want to ignore the CEO.
        """,
        tags=("phishing", "Security"),
        tone="policy",
        hooks=("the gift card scam", "reporting instead of replying"),
        answers=(
            answer(
                "liam.oconnor",
                """
                It's not real: a classic gift-card scam. Helena will never ask anyone to buy gift
                cards, and never from a private address. Please don't reply. Use *Report
                phishing* in Outlook, which sends it to us and removes it from every mailbox
                that received it. We found 11 copies of the same mail in sales mailboxes this
                morning.

                You did exactly the right thing by asking.
                """,
                accepted=True,
            ),
            answer(
                "erik.johansson",
                """
                And for everyone reading: anything urgent involving money or credentials,
                confirm on a second channel (a call, a Slack DM to the person's real account).
                The scammers count on nobody wanting to question a senior person.
                """,
            ),
        ),
    ),
    article(
        "sec-secrets-rotation",
        "noa.levi",
        "Secrets rotation: what actually happens when we rotate a database password",
        """
        We rotate every database credential every 30 days, and whenever someone with access
        leaves. This is how it works, so that "it broke after rotation" tickets become rare.

        ## Dynamic credentials from Vault

        Services do not have a database password in their config. At start-up they ask Vault
        for one:

        ```bash
        vault read database/creds/billing-api
        # lease_duration 24h, username v-billing-api-8Hf2..., password ...
        ```

        Vault creates a short-lived PostgreSQL role and deletes it when the lease expires. The
        Vault agent sidecar renews the lease and rewrites the credentials file; the service
        must re-read it on connection errors.

        ## Why services break after rotation

        1. The service reads the credentials file once at start-up and caches them forever.
        2. The connection pool keeps connections opened with the old role, which then gets
           dropped.
        3. Someone copied a generated password into a `.env` file "just for testing".

        ## The rule for new services

        - Use the service template: it wires up the Vault agent and reloads on change.
        - Never log a credential, not even at debug level.
        - If a secret ever lands in Git, tell us. Rotating is cheap; finding out later is not.
        """,
        tags=("secrets management", "Vault", "PostgreSQL"),
        days_ago=(200, 400),
        hooks=("the Vault agent sidecar", "the cached credentials file", "the 30-day rotation"),
    ),
    question(
        "sec-where-api-keys",
        "jonas.weber",
        "Where should a new service keep a third-party API key: Vault or a Kubernetes Secret?",
        """
        The dunning service needs an API key for the email provider. The template shows how to
        get database credentials from Vault, but this is a static key the vendor gives us. Is a
        Kubernetes Secret good enough?
        """,
        tags=("secrets management", "Vault", "Kubernetes"),
        days_ago=(60, 139),
        hooks=("the kv-v2 path", "the rotation reminder"),
        answers=(
            answer(
                "noa.levi",
                """
                Vault, please. Put it under `kv/teams/payments/dunning/email-provider` and let
                the Vault agent template it into the pod, same as the database creds. A plain
                Kubernetes Secret is only base64-encoded in etcd backups and readable by anyone
                with access to the namespace.

                Add a `rotation_due` field to the secret's metadata; our weekly job reminds the
                owning team when a static key is older than 180 days.
                """,
                accepted=True,
            ),
            answer(
                "kwame.mensah",
                """
                The External Secrets operator is also installed if you prefer a Kubernetes
                Secret in the pod: it syncs from Vault, so the source of truth stays in Vault.
                """,
            ),
        ),
    ),
    post(
        "sec-leaked-token-summary",
        "erik.johansson",
        "Security incident summary: a GitHub token in a public gist (contained)",
        """
        On Wednesday GitHub's secret scanning told us that a personal access token belonging to
        one of our engineers was in a public gist. The gist was a debugging snippet shared with
        a vendor.

        - Token revoked 9 minutes after the alert.
        - The audit log shows no use of the token from unknown addresses.
        - No customer data was accessible with it; it had read access to two internal repos.

        What we change: personal access tokens now expire after 30 days and must be
        fine-grained. For sharing snippets with vendors, use a private gist or the shared drive.
        The engineer reported it to us themselves within minutes, which is exactly the
        behaviour we want. No blame.
        """,
        tags=("incident", "security", "GitHub"),
        hooks=("the 30-day token expiry", "fine-grained tokens", "reporting it straight away"),
    ),
    question(
        "sec-security-questionnaire",
        "julien.martin",
        "A prospect sent a 300-question security questionnaire. Is there a library of answers?",
        """
        It's the bank in Frankfurt that @katarzyna.wrobel is working on. Their questionnaire is a
        spreadsheet with 312 rows, due in ten days. I recognise a lot of the questions from
        previous deals. Is there a place where approved answers live?
        """,
        tags=("security questionnaires", "sales", "SOC 2"),
        days_ago=(250, 300),
        hooks=("the answer library", "the SOC 2 report under NDA"),
        answers=(
            answer(
                "grace.liu",
                """
                Yes: the *Security answers* library in the Trust space has about 450 approved
                answers, tagged by framework (SIG Lite, CAIQ, ISO). Most questionnaires are 80 %
                covered. Fill in what you can, mark the rest yellow, and send it to me; I turn
                them around in three working days.

                Also offer the SOC 2 Type II report under NDA at the start. Banks often accept
                it in place of half the questions.
                """,
                accepted=True,
            ),
            answer(
                "emma.wilson",
                """
                From the sales side: ask the prospect early whether they accept the SOC 2 report
                plus a short bridge letter. Two of my deals last year skipped the questionnaire
                entirely that way.
                """,
            ),
        ),
    ),
    post(
        "sec-soc2-window",
        "grace.liu",
        "SOC 2 Type II: the audit window opens on the 1st",
        """
        Our second SOC 2 Type II observation period starts on the 1st and runs for six months.
        What it means for teams:

        - **Engineering:** every production change needs a reviewed PR and a linked ticket.
          The deploy bot already enforces it; please don't bypass it.
        - **People & Culture:** onboarding and offboarding checklists must be completed in the
          HRIS within one working day.
        - **Everyone:** security training completion by the end of the month.

        I will collect evidence monthly so nobody has to dig through six months of history in
        a hurry. Thank you in advance.
        """,
        tags=("SOC 2", "compliance", "audit"),
        tone="policy",
        hooks=("the monthly evidence collection", "the offboarding checklist"),
    ),
    post(
        "sec-threat-model-export",
        "noa.levi",
        "Threat model review: the new bulk export service",
        """
        Champions, the export service design is ready for review (doc linked in the channel).
        The areas I'd like your eyes on:

        1. Export links are pre-signed S3 URLs valid for 24 hours. Is 24 hours too long?
        2. An admin can export all users' data. Do we need a second approver above 10,000
           rows?
        3. The export worker runs with a role that can read every tenant's bucket prefix.

        Please add comments by Friday; we discuss on Monday's champions call.
        """,
        tags=("threat modelling", "security champions", "exports"),
        audience=("group:Security champions",),
        hooks=("the 24-hour pre-signed URLs", "the second approver idea", "the worker role"),
    ),
    question(
        "sec-dependabot-flood",
        "aisha.bello",
        "Dependabot opened 37 PRs this morning. Do we have to merge them all?",
        """
        The web app repo got 37 Dependabot PRs overnight, most of them minor version bumps of
        dev dependencies. Reviewing them one by one would take the whole day. What does
        security actually require?
        """,
        tags=("dependency scanning", "security", "frontend"),
        hooks=("grouped updates", "the 14-day rule for critical findings"),
        answers=(
            answer(
                "noa.levi",
                """
                What we require: critical and high findings in runtime dependencies fixed within
                14 days. Dev-dependency bumps are nice to have.

                To stop the flood, enable grouped updates in `.github/dependabot.yml` so you get
                one PR per week for all minor and patch updates:

                ```yaml
                groups:
                  minor-and-patch:
                    update-types: ["minor", "patch"]
                ```

                Security updates still come individually and immediately.
                """,
                accepted=True,
            ),
            answer(
                "oskar.lindqvist",
                """
                And if CI is green, auto-merge the grouped PR for dev dependencies. Several
                repos in the platform org already do that with a small workflow; copy it from
                `platform-tools`.
                """,
            ),
        ),
    ),
    post(
        "sec-hardware-keys",
        "fatima.elamrani",
        "Hardware security keys are now available for everyone",
        """
        Until now only admins had YubiKeys. From today anyone can order one (two, actually: one
        for daily use and a spare) from the IT shop. They are the most phishing-resistant way to
        sign in: a fake login page simply cannot use them.

        After enrolling in Okta, you can remove the SMS factor, which is the weakest one we
        still allow. Setup takes five minutes; instructions are on the *MFA* page.
        """,
        tags=("MFA", "Okta", "SSO"),
        hooks=("the spare key", "removing the SMS factor"),
    ),
    post(
        "sec-risk-register-notes",
        "erik.johansson",
        "Notes: risk register items for the quarterly review",
        """
        - R-07 (single Vault cluster): accepted until the second region; revisit cost with
          Martin.
        - R-12 (vendor with no SCIM, Figma): raise with procurement at renewal.
        - New: support engineers sharing customer logs in Slack. Talk to Valentina first, then
          add if it persists.
        """,
        tags=("risk management",),
        audience=("private",),
    ),
    post(
        "sec-phishing-follow-up",
        "liam.oconnor",
        "About the test mail from last week",
        """
        Hi Diego, a quick and friendly note: you entered your password on last week's test page.
        That happens to many people, and it is the reason we run these drills. I have reset the
        training module for you (20 minutes), and I'm happy to go through the three giveaways
        in that mail on a short call if you like. Nothing is recorded against you.
        """,
        tags=("phishing",),
        days_ago=(125, 130),
        audience=("person:diego.santos",),
        hooks=("the three giveaways",),
        extra_comments=0,
        comments=(
            comment(
                "diego.santos",
                """
                Thanks Liam, appreciated. I was on my phone between calls. Booked the call for
                Thursday.
                """,
            ),
        ),
    ),
)

# Asked in the last days and not settled yet: the app suggests people who might know.
OPEN_QUESTIONS = (
    question(
        "sec-airflow-connections-vault",
        "mateo.garcia",
        "Should the warehouse passwords in Airflow connections move to Vault?",
        """
        Our Airflow has 41 connections, including the warehouse service account and the
        Salesforce API user. Their passwords sit in the metadata database, encrypted with a
        Fernet key that has not changed since 2023, and everyone with the Admin role in the
        UI can read them.

        Before the SOC 2 audit I would like to fix this properly. Is Vault the right place,
        and who sets up the path and policy for the data team?
        """,
        tags=("secrets management", "Vault", "Airflow", "SOC 2"),
        days_ago=(5, 10),
        answers=(
            answer(
                "kwame.mensah",
                """
                Airflow can read connections straight from Vault: set
                `secrets.backend` to
                `airflow.providers.hashicorp.secrets.vault.VaultBackend` and point
                `connections_path` at a KV mount. We did the same for the Terraform runner.
                The Helm chart already has the values for it, commented out.
                """,
            ),
        ),
        comments=(
            comment(
                "mateo.garcia",
                """
                Thanks Kwame, the Airflow side looks simple. What I still do not know: who owns
                the KV mount and policy for `data/`, and how do we rotate the warehouse
                password without failing the DAGs that are running at that moment?
                """,
                on=0,
            ),
        ),
    ),
)
