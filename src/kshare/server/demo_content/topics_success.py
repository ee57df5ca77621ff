"""Customer Success: onboarding, support, SLAs, renewals and integrations."""

from __future__ import annotations

from kshare.server.demo_content.spec import answer, article, comment, post, question

TONE = "policy"  # the kind of comments colleagues leave (see chatter.py)

THREADS = (
    article(
        "cs-qbr-guide",
        "linh.nguyen",
        "Running a QBR that customers actually want to attend",
        """
        Quarterly business reviews used to be 40 slides of our usage charts. Customers sent
        their most junior person, or nobody. This is the format that got executives back in
        the room for my accounts.

        ## Before: ask, don't guess

        Two weeks before, email the sponsor one question: "What does success look like for
        your team by the end of next quarter?" Build the QBR around the answer.

        ## The agenda (45 minutes)

        1. **Their goals** (5 min): what they told us last time, in their words.
        2. **Outcomes** (15 min): what changed for them, not what they clicked. "Month-end
           reporting went from four days to one" beats "1,240 dashboard views".
        3. **Risks** (10 min): honest, including our bugs and slow tickets.
        4. **Next quarter** (10 min): two or three things we'll do together, with owners.
        5. **Roadmap preview** (5 min): only what's relevant to their goals.

        ## After

        - Send a one-page summary within 24 hours.
        - Log the goals in the *Success plan* field in Salesforce, so the next CSM can see
          them if the account changes hands.

        ## Slides

        Seven slides, maximum. The template is in the CS drive.
        """,
        tags=("QBR", "customer success", "renewals"),
        hooks=("the one-question email", "outcomes instead of clicks", "the seven-slide maximum"),
    ),
    question(
        "cs-scim-entra",
        "julien.martin",
        "How do I set up SCIM provisioning for a customer on Microsoft Entra ID?",
        """
        The insurer in the proof of concept uses Entra ID (Azure AD) and wants users and groups
        provisioned automatically. SSO works already. What are the steps on our side and on
        theirs?
        """,
        tags=("SCIM", "SSO", "Entra ID", "integrations"),
        tone="howto",
        hooks=("the SCIM token", "group push", "the attribute mapping"),
        answers=(
            answer(
                "omar.farouk",
                """
                On our side: in the workspace admin, *Security → Provisioning*, generate a SCIM
                token. It's shown once, so give it to their admin directly, not by email.

                On their side, in Entra ID: *Enterprise applications → Northwind → Provisioning*,
                mode *Automatic*, tenant URL `https://<workspace>.northwind.app/scim/v2`, and the
                token. Then:

                1. Map `userPrincipalName` to `userName` and `mail` to `emails[primary]`.
                2. Assign the groups they want provisioned, not "all users".
                3. Start with *Provision on demand* for one test user before turning it on.

                Groups are pushed as Northwind groups, which they can then use for sharing.
                First sync takes up to 40 minutes for large tenants.
                """,
                accepted=True,
            ),
        ),
        comments=(
            comment(
                "julien.martin",
                """
                Worked on the first try with the test user. The customer's admin was impressed
                by the on-demand trick. Thanks Omar!
                """,
                on=0,
            ),
        ),
    ),
    post(
        "cs-sla-priorities",
        "valentina.romero",
        "Support SLAs and the new priority definitions",
        """
        From Monday we use four priorities with clear definitions, so that P1 means the same
        thing to the customer, to us and to the on-call engineer.

        | Priority | Definition | First response | Updates |
        |----------|------------|----------------|---------|
        | P1 | Product unavailable or data at risk for many users | 30 min, 24/7 | every hour |
        | P2 | Major feature broken, no workaround | 2 business hours | daily |
        | P3 | Feature broken with a workaround, or a question | 1 business day | as needed |
        | P4 | Feature request or cosmetic issue | 3 business days | none |

        Customers can choose the priority when opening a ticket; we adjust it using the
        definitions, and tell them why. Only P1 pages engineering.
        """,
        tags=("SLA", "customer support", "Zendesk"),
        hooks=("the P1 definition", "adjusting the customer's priority"),
    ),
    question(
        "cs-api-429",
        "linh.nguyen",
        "A customer gets 429 Too Many Requests from our API. What's the limit?",
        """
        The logistics customer's integration pulls shipments every minute and has been getting
        429 errors since Monday. They're asking what the limit is and whether we changed it.
        """,
        tags=("API", "rate limits", "support"),
        tone="howto",
        hooks=("the Retry-After header", "the per-token limit"),
        answers=(
            answer(
                "patrick.murphy",
                """
                The limit is 600 requests per minute per API token, and yes, it has been
                enforced since Monday (it was logged but not enforced before; it was in the
                changelog). Their logs show about 1,100 requests a minute because they page
                through all shipments every time.

                Two fixes for them: use the `updated_since` parameter so they only fetch
                changes, and respect the `Retry-After` header on 429s. I've replied in the
                ticket with a code example in their language (C#).
                """,
                accepted=True,
            ),
            answer(
                "daniel.kim",
                """
                If they need more, enterprise plans can get a higher limit per token; we set it
                in the admin console. But `updated_since` will cut their traffic by 95 %, so
                that's the better fix.
                """,
            ),
        ),
    ),
    post(
        "cs-grr-94",
        "george.papadopoulos",
        "Gross revenue retention reached 94 %. Thank you, everyone.",
        """
        For the last twelve months, gross revenue retention is 94 %, up from 89 % a year ago.
        That is the single best number in our board pack.

        What did it:

        - The churn model's risk reasons, which gave CSMs something concrete to talk about.
        - Faster support: median first response went from 5 hours to 1.5.
        - Engineering fixing the invoice page speed, which three enterprise customers had
          named as a reason to leave.

        This is a company-wide result. Thank you to every team that answered a "quick
        question" from a CSM.
        """,
        tags=("retention", "customer success", "results"),
        days_ago=(60, 120),
        hooks=("the risk reasons", "the faster first response"),
    ),
    article(
        "cs-reading-logs",
        "patrick.murphy",
        "Reading customer logs: a field guide for support engineers",
        """
        Most technical tickets are solved in the logs, if you know where to look. This guide
        assumes read access to the log explorer (Loki) with the *Support* role.

        ## Find the request

        Every API response carries an `X-Request-Id` header. Ask the customer for it first;
        it saves an hour.

        ```logql
        {app="public-api"} |= "req_8f2a91c4"
        ```

        ## Follow it across services

        The request id propagates. Drop the `app` filter to see the billing, export and search
        services it touched:

        ```logql
        {env="prod"} |= "req_8f2a91c4" | json | line_format "{{.app}} {{.level}} {{.msg}}"
        ```

        ## Common patterns

        | Log message | Usually means |
        |-------------|---------------|
        | `tenant_suspended` | Unpaid invoice, check billing before engineering |
        | `scim_conflict userName exists` | The user was created manually before SCIM |
        | `export_too_large` | More than 1M rows, suggest a filtered export |
        | `token_revoked` | Their admin rotated the API token |

        ## Before escalating

        Paste the request id, the time range and what you've ruled out into the ticket. The
        escalation template has these fields for a reason.
        """,
        tags=("log analysis", "troubleshooting", "support"),
        tone="howto",
        hooks=("the X-Request-Id header", "the common patterns table", "the escalation template"),
    ),
    question(
        "cs-churn-threat-bug",
        "linh.nguyen",
        "What's the process when a customer threatens to churn over a bug?",
        """
        The retail customer's VP says they'll leave at renewal (in 3 months) if the scheduled
        report bug isn't fixed. The bug is a P3 in the backlog. I don't want to escalate every
        complaint, but this one is a 90k ARR account.
        """,
        tags=("churn", "escalations", "renewals"),
        days_ago=(60, 90),
        hooks=("the revenue at risk flag", "the weekly escalation review"),
        answers=(
            answer(
                "george.papadopoulos",
                """
                This is exactly what the *revenue at risk* flag is for. Set it on the ticket
                with the ARR and the renewal date. Flagged tickets go to the weekly escalation
                review with Product and Engineering on Tuesdays, where we decide priority
                with the business impact visible, not just the technical severity.

                And tell the VP what happens next and when you'll update them. Customers
                forgive bugs; they don't forgive silence.
                """,
                accepted=True,
            ),
            answer(
                "valentina.romero",
                """
                Add the customer's exact workflow to the ticket too. Half the time the fix is
                smaller than it looks once engineering sees how they actually use the feature.
                """,
            ),
        ),
    ),
    post(
        "cs-escalation-etiquette",
        "valentina.romero",
        "Escalation etiquette: what engineering needs in a ticket",
        """
        Thanks to @priya.raman and @daniel.kim for the feedback session. When you escalate to
        engineering, the ticket needs:

        1. **Impact**: how many users, which customer, ARR if relevant.
        2. **Request ids and time range** (see Patrick's log guide).
        3. **What you've ruled out**: "not SSO, not the rate limit".
        4. **Steps to reproduce** or a screen recording.
        5. **What the customer has been told**, so engineering doesn't contradict it.

        Tickets without 1-3 get sent back, politely. With them, median time to a first
        engineering response is under two hours.
        """,
        tags=("escalations", "support", "Zendesk"),
        audience=("group:Support escalations",),
        hooks=("the what-you-ruled-out line", "the two-hour median"),
    ),
    post(
        "cs-sso-setup-calls",
        "omar.farouk",
        "SSO setup calls: bring the customer's identity admin, not the project manager",
        """
        Learned the hard way, three times this quarter: if the person on the SSO setup call
        can't log into the customer's Okta, Entra ID or Google admin console, the call ends
        after ten minutes with a "we'll get back to you".

        In the invite, I now write: *Please bring someone with admin rights in your identity
        provider.* Setup calls went from an average of 2.4 to 1.1 per customer.
        """,
        tags=("SSO", "customer onboarding"),
        hooks=("the admin-rights line in the invite", "the 2.4 calls per customer"),
    ),
    question(
        "cs-green-health-score",
        "george.papadopoulos",
        "Why is a customer green in the health score when they just complained to our CEO?",
        """
        The transport customer wrote an angry email to Helena yesterday about slow support,
        and their health score is 82, solidly green. What is the score missing?
        """,
        tags=("health score", "churn", "customer success"),
        days_ago=(30, 59),
        hooks=("the sentiment signal", "the usage-heavy weighting"),
        answers=(
            answer(
                "wei.zhang",
                """
                The health score is 70 % usage (seats, dashboards, API calls) and 30 % billing
                and support volume. This customer uses the product heavily, which dominates.
                It doesn't measure *sentiment*: the tone of tickets, an unhappy sponsor.

                Short term: CSMs can set a manual override for 60 days with a reason. Longer
                term, we're testing a sentiment signal from ticket text in churn model v2; this
                account is a good test case, can I use it?
                """,
                accepted=True,
            ),
            answer(
                "linh.nguyen",
                """
                On the CSM side, we update the *Sponsor sentiment* field after every exec
                contact. It's in the account view but not in the score yet. I'd love to see it
                in there.
                """,
            ),
        ),
    ),
    post(
        "cs-renewal-notes",
        "linh.nguyen",
        "Renewal risk notes for this quarter",
        """
        - Retail (90k): scheduled report bug, flagged. Follow up after Tuesday's review.
        - Logistics (140k): happy, expansion possible, ask about the dashboard builder beta.
        - Media (35k): champion left. Find the new owner before talking about price.
        """,
        tags=("renewals",),
        days_ago=(40, 59),
        audience=("private",),
    ),
    post(
        "cs-second-team-lead",
        "george.papadopoulos",
        "Support hiring: your second team lead",
        """
        Valentina, the budget for a second support team lead is approved, starting in the
        spring. I'd like you to shape the role: which queues they own, which time zone (I lean
        towards Toronto for the North American hours) and whether Patrick should be encouraged
        to apply. Let's take 30 minutes on Thursday.
        """,
        tags=("hiring", "support"),
        audience=("person:valentina.romero",),
        hooks=("the North American hours",),
        extra_comments=0,
        comments=(
            comment(
                "valentina.romero",
                """
                Great news. Toronto makes sense. I'll bring a draft of the queue split on
                Thursday, and yes, I think Patrick is ready.
                """,
            ),
        ),
    ),
)
