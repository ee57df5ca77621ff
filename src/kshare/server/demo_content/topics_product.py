"""Product: roadmaps, discovery, design, research and pricing."""

from __future__ import annotations

from kshare.server.demo_content.spec import answer, article, comment, post, question

TONE = "policy"  # the kind of comments colleagues leave (see chatter.py)

THREADS = (
    article(
        "prod-roadmap-decisions",
        "olivia.bennett",
        "How we decide what goes on the roadmap",
        """
        Every quarter we get about 200 requests from customers, Sales, Support and ourselves,
        and we can build maybe 15 things. This is how we choose, so that "why isn't my thing on
        the roadmap?" has an answer you can check.

        ## Step 1: one intake

        All requests go to the *Product requests* board, with the customer and the problem
        (not the solution). Requests that only exist in a Slack thread don't exist.

        ## Step 2: score

        We use a light RICE score. It is a conversation starter, not an algorithm.

        | Factor | Question | Scale |
        |--------|----------|-------|
        | Reach | How many accounts per quarter? | number |
        | Impact | How much does it move retention or revenue? | 0.5 / 1 / 2 / 3 |
        | Confidence | How sure are we about reach and impact? | 50 / 80 / 100 % |
        | Effort | Person-weeks, engineering and design | number |

        ## Step 3: themes, not lists

        The top-scored items are grouped into three or four themes per quarter, e.g. *enterprise
        readiness* or *faster invoicing*. Teams commit to themes and outcomes, and choose the
        exact features themselves.

        ## What we say no to

        - One-customer features, unless the customer pays for it as a professional-services
          project.
        - Anything nobody can explain in terms of a customer problem.
        """,
        tags=("roadmap", "product management", "prioritisation"),
        hooks=("the light RICE score", "themes instead of lists", "the single intake board"),
    ),
    question(
        "prod-dashboard-builder",
        "emma.wilson",
        "When is the custom dashboard builder coming? Two enterprise deals depend on it.",
        """
        Both the logistics prospect (about 180k ARR) and the insurance one ask whether they can
        build their own dashboards instead of using our templates. They want a date. What can
        I tell them honestly?
        """,
        tags=("roadmap", "analytics", "enterprise"),
        days_ago=(200, 260),
        hooks=("the beta programme", "committing to dates"),
        answers=(
            answer(
                "ana.kovac",
                """
                Honest version: the builder is in a closed beta with 12 customers now, general
                availability is planned for next quarter, and we don't commit to dates in
                contracts. What you can offer both prospects is a place in the beta, which
                includes a call with me every two weeks. That has worked well with the two
                prospects who joined so far; both signed.

                Please add them to the *Analytics beta* list on the requests board so I can
                prepare.
                """,
                accepted=True,
            ),
            answer(
                "olivia.bennett",
                """
                And if a contract needs something in writing, use the standard roadmap
                language from Legal ("currently planned, subject to change"). Amina has the
                clause.
                """,
            ),
        ),
    ),
    article(
        "prod-prd-template",
        "lucas.moreau",
        "Writing a product requirements doc that people actually read",
        """
        Our old PRD template had 14 sections and nobody read past the second. This is the
        shorter template we now use in Payments and Analytics. Two pages is plenty.

        ## The sections

        1. **Problem**: who has it, how we know (quotes, ticket counts, data), what it costs.
        2. **Goal**: the outcome, with a metric. "Reduce failed-payment churn from 1.9 % to
           1.4 % of MRR."
        3. **Non-goals**: what we deliberately won't do. This section prevents most arguments.
        4. **Proposal**: the user-facing behaviour, with a sketch or Figma link.
        5. **Open questions**: with an owner and a date for each.
        6. **Launch**: who needs to know (Support macros, Sales enablement, docs).

        ## Tips

        - Write the problem section before talking to engineering about solutions.
        - Put the decision log at the end, dated. Future you will want to know why.
        - If a section is empty, delete it instead of writing "N/A".

        ## An example

        The dunning v2 spec is a good one to copy: the problem section quotes four support
        tickets and the churn number, the non-goals rule out SEPA and multi-currency, and every
        open question had an owner and was closed before the build started.
        """,
        tags=("product management", "PRD", "writing"),
        tone="howto",
        hooks=("the non-goals section", "the dated decision log", "the two-page limit"),
    ),
    post(
        "prod-design-system-v4",
        "zara.ahmed",
        "Design system v4: new tokens, dark mode, and one Figma library",
        """
        Version 4 of the design system is published in Figma and as `@northwind/ui` 4.0.

        - **Tokens** replace hard-coded colours: `color.surface.raised`, not `#F7F8FA`. Dark mode
          comes for free when you use them.
        - **One library.** The old "Components (new)" and "Components FINAL" files are archived.
        - **Accessibility fixes** from the audit are included: focus styles, contrast of chart
          colours, labels on icon buttons.

        Aisha and I run office hours on Thursdays at 15:00 CET for migration questions.
        """,
        tags=("design systems", "Figma", "dark mode"),
        days_ago=(200, 249),
        tone="howto",
        hooks=("the design tokens", "the archived libraries", "the Thursday office hours"),
    ),
    question(
        "prod-error-message-copy",
        "jonas.weber",
        "Who decides the wording of error messages in the billing UI?",
        """
        For dunning v2 I'm adding errors like "card declined" and "insufficient funds". Right
        now the backend message is shown as-is, which is not great ("do_not_honor"). Is there a
        content guideline, and who signs off on the text?
        """,
        tags=("ux writing", "payments", "design"),
        days_ago=(100, 139),
        tone="howto",
        hooks=("the content guidelines", "the decline code mapping"),
        answers=(
            answer(
                "zara.ahmed",
                """
                Design owns the copy, and there is a guideline: the *Voice and tone* page in
                the design system. For payment errors the rule is: say what happened in plain
                words, say what the customer can do, never blame them.

                "Your bank declined this payment. Try another card or contact your bank." is
                the pattern. Send me the list of decline codes and I will write the mapping
                with you, it takes an hour.
                """,
                accepted=True,
            ),
            answer(
                "lucas.moreau",
                """
                Please don't show the raw reason for fraud-related declines, though. Stripe
                recommends showing a generic message for `fraudulent` and `stolen_card`, so we
                don't help card testers.
                """,
            ),
        ),
    ),
    article(
        "prod-onboarding-usability",
        "ben.carter",
        "Usability test of the new onboarding: five participants, eleven findings",
        """
        We tested the new workspace onboarding with five admins from trial accounts, 45 minutes
        each, remote and moderated. Five participants is enough to find the big problems; it
        is not enough to measure anything.

        ## Top findings

        | # | Finding | Seen in | Severity |
        |---|---------|---------|----------|
        | 1 | "Connect a data source" looks optional, so people skip it | 4 of 5 | high |
        | 2 | The invite step asks for emails before people know the roles | 3 of 5 | high |
        | 3 | Nobody noticed the sample dashboard | 5 of 5 | medium |
        | 4 | "Workspace" and "organisation" are used interchangeably | 3 of 5 | medium |

        ## What participants said

        > "I thought I'd connect the database later, and then everything was empty and I
        > didn't know if it worked."

        > "Which role lets my analyst build dashboards but not invite people?"

        ## Recommendations

        1. Make the data source the first step and show the sample dashboard while it syncs.
        2. Move invites to the end, with a one-line description of each role.
        3. Pick one word: *workspace*. Zara has the copy changes.

        Recordings are in the research repository, tagged `onboarding-2`.
        """,
        tags=("user research", "usability testing", "onboarding"),
        days_ago=(250, 330),
        hooks=("the skipped data source step", "the five-participant rule", "the roles confusion"),
    ),
    question(
        "prod-recruit-interviews",
        "lucas.moreau",
        "How do I recruit customers for interviews without annoying their CSMs?",
        """
        I want to talk to eight finance admins about invoicing. Last time I emailed customers
        directly and two CSMs were (rightly) upset they didn't know. What's the process?
        """,
        tags=("user research", "interviews", "customer success"),
        hooks=("the research participant list", "the 60-day cool-down"),
        answers=(
            answer(
                "ben.carter",
                """
                Use the research participant list in the research repository: about 300
                contacts who opted in to research, with their account and CSM. Filter by role
                and region, then post your shortlist in `#research-recruiting` and tag the
                CSMs. They get two working days to object (an escalation in progress, a
                renewal next week).

                We also keep a 60-day cool-down per contact so nobody gets asked every month.
                The list tracks it automatically.
                """,
                accepted=True,
            ),
            answer(
                "linh.nguyen",
                """
                Thanks for asking! Speaking for the CSMs: we love sending customers to research,
                we just need to know. A heads-up in the channel is all it takes.
                """,
            ),
        ),
    ),
    post(
        "prod-analytics-beta-learnings",
        "ana.kovac",
        "Analytics beta: twelve customers, one month, what we learned",
        """
        The dashboard builder beta has run for a month with 12 customers. Highlights:

        - 9 of 12 built at least one dashboard; the median took 22 minutes.
        - The most used chart is a plain table. We spent the least time on it.
        - Three customers asked for scheduled PDF exports in the first week, all in finance.
        - Nobody used the custom SQL mode, except our own Solutions Engineers in demos.

        Next: table improvements (sorting, totals, conditional colours) before more chart
        types, and a spike on scheduled exports with the Payments squad's PDF renderer.
        """,
        tags=("analytics", "beta", "product discovery"),
        days_ago=(170, 199),
        hooks=("the plain table finding", "the scheduled PDF exports", "the unused SQL mode"),
        comments=(
            comment(
                "julien.martin",
                """
                Guilty as charged on the SQL mode. It impresses data teams in demos, but you are
                right that nobody touches it afterwards. I will drop it from the standard demo
                script and show the table improvements instead once they land.
                """,
            ),
        ),
    ),
    post(
        "prod-offsite-agenda",
        "olivia.bennett",
        "Product offsite in Lisbon: agenda and pre-reads",
        """
        We meet in the Lisbon office on Tuesday and Wednesday. Pre-reads, please, before you
        travel:

        1. The churn analysis from Data Science (Wei's deck).
        2. Ben's onboarding usability report.
        3. The win/loss summary from Sales for the last two quarters.

        Day one is about problems, day two about bets. No laptops during the sessions, except
        for whoever takes notes. Dinner on Tuesday is at 19:30; Ana is booking.
        """,
        tags=("offsite", "product"),
        days_ago=(200, 249),
        audience=("group:Product",),
        hooks=("the win/loss summary", "the no-laptops rule"),
    ),
    question(
        "prod-analytics-pricing",
        "ana.kovac",
        "Should we price the analytics add-on per seat or per workspace?",
        """
        The beta is free. For general availability we need a price. Per seat is what
        competitors do; per workspace is simpler to sell. What do people think, and what does
        Finance need from us to decide?
        """,
        tags=("pricing", "analytics", "product strategy"),
        days_ago=(120, 160),
        hooks=("the viewer allowance", "the revenue recognition question"),
        answers=(
            answer(
                "olivia.bennett",
                """
                Per workspace with a viewer allowance. The value of dashboards grows with the
                number of people looking at them; per-seat pricing makes customers share
                logins or screenshot dashboards, which is the opposite of what we want. A tier
                with "up to 50 viewers, unlimited editors" keeps it simple and leaves room for
                an enterprise tier.
                """,
                accepted=True,
            ),
            answer(
                "rebecca.hughes",
                """
                From Finance: either works for revenue recognition as long as the add-on is a
                separate line on the subscription. What I need is your expected attach rate
                by plan, so I can put it in the forecast.
                """,
            ),
            answer(
                "carlos.mendes",
                """
                Sales view: per workspace, please. Per-seat negotiations with procurement take
                weeks and end with a discount anyway.
                """,
            ),
        ),
    ),
    post(
        "prod-marketing-moodboard",
        "zara.ahmed",
        "Moodboard notes for the new marketing site",
        """
        - Less stock photography, more real product screenshots with customer data blurred.
        - Keep the teal, drop the gradient.
        - Ask Ben for two customer quotes we're allowed to use.
        - Check with Olivia whether the site redesign is this quarter or next.
        """,
        tags=("design", "marketing site"),
        audience=("private",),
    ),
    post(
        "prod-dunning-spec-review",
        "lucas.moreau",
        "Dunning v2 spec is ready for review",
        """
        The spec is in the Payments space. The short version: Stripe Smart Retries handle the
        schedule, we send three emails (day 0, day 5, day 12), and the account goes read-only
        on day 21 instead of being suspended. Open questions are at the end, each with an
        owner. Comments by Wednesday, please, so Jonas can start the following sprint.
        """,
        tags=("dunning", "payments", "spec"),
        days_ago=(140, 169),
        audience=("group:Payments squad",),
        hooks=("going read-only on day 21", "the three emails"),
    ),
)
