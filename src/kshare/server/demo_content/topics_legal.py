"""Legal: contract review, privacy and GDPR, signing authority, open-source licences."""

from __future__ import annotations

from kshare.server.demo_content.spec import answer, article, comment, post, question

TONE = "policy"  # the kind of comments colleagues leave (see chatter.py)

THREADS = (
    article(
        "legal-contract-review",
        "amina.yusuf",
        "Contract review: what Legal needs from you, and how long it takes",
        """
        We review about 60 contracts a month with two and a half lawyers. This page explains
        how to get yours through quickly.

        ## Start with the intake form

        Every request goes through the *Legal intake* form, not email or Slack. The form asks
        for the things we would otherwise ask you in three rounds: counterparty, value, term,
        deadline, and which template (if any) the other side started from.

        ## How long it takes

        | Type | Typical turnaround |
        |------|--------------------|
        | NDA on our template | same day |
        | NDA on their paper | 2 working days |
        | Order form on our MSA, no changes | 1 working day |
        | Customer redlines to our MSA | 5 working days |
        | Customer's own MSA | 10 working days |
        | Vendor contract above 50k | 5 working days |

        ## Things that slow it down

        1. "Can you look at this quickly?" with a 40-page PDF and no context.
        2. Agreeing commercial terms in email and then asking us to "just write them in".
        3. Sending us a contract the other side has already signed.

        ## Things that speed it up

        - Tell us what matters to the business ("they must be able to terminate after year
          one, that's the deal").
        - Use the clause library for the standard asks: liability caps, SLAs, data location.
        """,
        tags=("contract review", "legal intake", "contracts"),
        hooks=("the intake form", "the turnaround table", "the clause library"),
    ),
    question(
        "legal-unlimited-liability",
        "emma.wilson",
        "The customer wants unlimited liability for data breaches. Can we agree to that?",
        """
        Meridian's procurement sent redlines: they removed our liability cap for "any breach
        of data protection obligations". Everything else is close to done. What can I offer?
        """,
        tags=("liability", "contract review", "MSA"),
        days_ago=(90, 119),
        audience=("group:Deal desk",),
        hooks=("the super-cap", "the cyber insurance limit"),
        answers=(
            answer(
                "amina.yusuf",
                """
                No to unlimited, but there's a standard middle ground: a separate, higher cap
                for data protection breaches (a "super-cap"). We usually offer 3x annual fees
                or 2 million EUR, whichever is higher. That is within our cyber insurance
                limit, which is the real constraint.

                Send me the redlines through the intake form and I'll propose the clause
                directly to their counsel; they tend to accept it when it comes lawyer to
                lawyer.
                """,
                accepted=True,
            ),
            answer(
                "victoria.adams",
                """
                Agree with Amina. For context: unlimited liability would have to be disclosed
                to our insurer and to the board. It's not something a single deal can justify.
                """,
            ),
        ),
    ),
    article(
        "legal-dsar-process",
        "paolo.bianchi",
        "Data subject requests: how we answer access and deletion requests within a month",
        """
        Under GDPR anyone can ask what personal data we hold about them, ask for a copy, or
        ask us to delete it, and we must answer within one month. We get about ten a month.

        ## Step 1: who is asking, and about which data?

        - **Our own employees, candidates, website visitors, prospects**: we are the
          controller. We answer.
        - **Users of a customer's workspace**: the customer is the controller, we are their
          processor. We forward the request to the customer within two working days and help
          them answer. We don't answer directly.

        ## Step 2: verify identity

        Reply from the address we have on file. Never ask for a passport scan unless there is
        real doubt; it creates more personal data than it protects.

        ## Step 3: collect

        The *DSAR* runbook lists every system with personal data and who searches it:

        | System | Owner | What to export |
        |--------|-------|----------------|
        | Salesforce | Sales Ops | Lead/contact record, activity history |
        | Zendesk | Support | Tickets by the requester |
        | HRIS | People & Culture | Candidate or employee record |
        | Marketing tool | Marketing | Email events, consent records |

        ## Step 4: answer

        Send the export through the secure file share, with the standard cover letter. Log the
        request and the answer date in the DSAR register. Deletion requests: delete, then
        confirm, and keep only the register entry.
        """,
        tags=("GDPR", "privacy", "data subject requests"),
        hooks=("the controller and processor split", "passport scans", "the DSAR register"),
    ),
    question(
        "legal-customer-user-deletion",
        "patrick.murphy",
        "A user in a customer's workspace asks us to delete their data. Do we do it?",
        """
        Ticket from someone at one of our customers: they left the company and want all their
        data deleted from Northwind "under GDPR". The customer's admin hasn't said anything.
        Do I delete the user?
        """,
        tags=("gdpr", "support", "privacy"),
        hooks=("forwarding to the customer", "the processor role"),
        answers=(
            answer(
                "paolo.bianchi",
                """
                Please don't delete anything yourself. For data in a customer's workspace, the
                customer is the controller and we're the processor, so the customer decides.
                Reply with the template *GDPR request: workspace data* (it explains this
                politely), and forward the request to the customer's admin within two working
                days. Log it in the DSAR register with the ticket number.

                If the customer asks us to delete the user, we do it within their instruction.
                """,
                accepted=True,
            ),
        ),
        comments=(
            comment(
                "valentina.romero",
                """
                I've added a trigger in Zendesk: tickets mentioning "GDPR" or "delete my data"
                now get the tag `privacy-request` and show the template as a suggestion.
                """,
            ),
        ),
    ),
    post(
        "legal-signing-authority",
        "victoria.adams",
        "Who can sign what: the signing authority table",
        """
        A reminder after a vendor contract was signed by someone who could not sign it (it was
        fine in the end, but it could have been expensive):

        | Contract | Value per year | Who signs |
        |----------|----------------|-----------|
        | Customer order form on our MSA | any | VP Sales or CFO |
        | Customer contract with non-standard terms | any | CFO, after Legal approval |
        | Vendor / purchase | up to 10k EUR | Budget owner |
        | Vendor / purchase | 10k-50k EUR | CFO |
        | Vendor / purchase | above 50k EUR | CEO |
        | NDA on our template | n/a | Anyone in Legal, Sales or the leadership team |
        | Employment contracts | n/a | Head of People |

        Contracts are signed in the e-signature tool, which routes them to the right person. If
        someone sends you a contract to sign on paper, send it to Legal.
        """,
        tags=("signing authority", "contracts", "policy"),
        hooks=("the vendor thresholds", "paper contracts"),
    ),
    question(
        "legal-agpl-library",
        "sofia.alvarez",
        "Can I use an AGPL-licensed library in the search service?",
        """
        There's a nice query-parsing library on GitHub that would save me weeks, but it's
        AGPL-3.0. The search service is part of our hosted product. Is that a problem?
        """,
        tags=("open source licensing", "AGPL", "search"),
        hooks=("the network clause", "the allow-list of licences"),
        answers=(
            answer(
                "amina.yusuf",
                """
                Unfortunately yes. The AGPL's network clause means that users who interact with
                the software over a network are entitled to its source, including our
                modifications and arguably the service it's linked into. Our policy doesn't
                allow AGPL (or SSPL) code in the product.

                The allow-list is MIT, BSD, Apache-2.0, ISC, MPL-2.0 (file-level, fine if we
                don't modify it). LGPL and EPL are case by case. If there's no alternative,
                ask the author about a commercial licence; some projects offer one.
                """,
                accepted=True,
            ),
            answer(
                "noa.levi",
                """
                The licence check in CI (`license-scan` job) will block AGPL dependencies
                anyway, so you'd have found out at the PR. Better now than after the weeks of
                work.
                """,
            ),
        ),
    ),
    post(
        "legal-subprocessor-notice",
        "paolo.bianchi",
        "New sub-processor: customers get 30 days' notice",
        """
        We're adding the GPU cloud provider for model training as a sub-processor. Under our
        DPA, customers get 30 days' notice and can object. The notice goes out on Monday via
        the sub-processor page and an email to every customer's privacy contact.

        For Customer Success: if a customer objects, don't negotiate it yourselves. Send it to
        me. Usually the objection goes away once we explain that training data is
        pseudonymised and stays in the EU.
        """,
        tags=("DPA", "sub-processors", "GDPR"),
        days_ago=(150, 199),
        hooks=("the 30-day notice", "customer objections"),
    ),
    question(
        "legal-train-on-customer-data",
        "chloe.dubois",
        "Are we allowed to train models on customer data?",
        """
        For the churn model we use our own usage data about accounts. For the next project
        (suggested dashboards) we'd want to learn from what customers build in their
        workspaces. Is that covered by our contracts?
        """,
        tags=("GDPR", "machine learning", "DPA", "privacy"),
        hooks=("the aggregated usage clause", "the opt-out per workspace"),
        answers=(
            answer(
                "paolo.bianchi",
                """
                Partly. Our MSA allows us to use *aggregated and de-identified usage data* to
                improve the service. Metadata like "which chart types are used with which
                field types" fits. The content of dashboards (customer names, numbers, field
                names) is customer data under the DPA, and we can only process it to provide
                the service to that customer.

                So: design the feature on metadata, document the de-identification in a short
                DPIA with me, and add an opt-out per workspace. Many enterprise customers will
                ask.
                """,
                accepted=True,
            ),
            answer(
                "nadia.haddad",
                """
                Thanks Paolo. Chloé, let's do the DPIA before the prototype, not after. It
                will shape which features we can use anyway.
                """,
            ),
        ),
    ),
    post(
        "legal-nda-templates",
        "amina.yusuf",
        "NDAs: use our mutual template, and never sign theirs without a look",
        """
        Our mutual NDA is in the e-signature tool as a template; anyone in Sales, Legal or the
        leadership team can send it and it needs no review. Two years, mutual, English law or
        the law of the customer's EU country.

        If the other side insists on their own NDA, send it through the intake form. We check
        three things: that it is mutual, that it doesn't include a non-solicitation clause
        (it happens more than you'd think), and that it doesn't quietly restrict us from
        building similar products.
        """,
        tags=("NDA", "contracts"),
        hooks=("the hidden non-solicitation clause", "the mutual template"),
    ),
    post(
        "legal-whistleblowing-todo",
        "victoria.adams",
        "To do: whistleblowing policy update",
        """
        - Portuguese entity now above 50 employees? Check with Naomi; then a local channel is
          required.
        - Replace the shared mailbox with the external reporting tool.
        - Training for the two case handlers (Rohan and me).
        """,
        tags=("policy",),
        audience=("private",),
    ),
    post(
        "legal-analytics-export-reminder",
        "paolo.bianchi",
        "About the customer export in the analytics channel",
        """
        Hi Hannah, a quick one, no drama: the CSV you shared in `#analytics` yesterday had
        names and email addresses of a customer's users. I've removed the file from the
        channel. For debugging, please use the pseudonymised extract (`analytics.users_pseudo`)
        or share the raw file only in a direct message with the person who needs it, and
        delete it afterwards. Thanks for fixing the dashboard so quickly, by the way.
        """,
        tags=("privacy", "data handling"),
        audience=("person:hannah.schmidt",),
        hooks=("the pseudonymised extract",),
        extra_comments=0,
        comments=(
            comment(
                "hannah.schmidt",
                """
                Sorry, my mistake, I grabbed the wrong file. I've switched the notebook to the
                pseudonymised table so it won't happen again.
                """,
            ),
        ),
    ),
)
