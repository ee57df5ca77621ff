"""Product engineering: payments, web and desktop apps, search, testing, how we work."""

from __future__ import annotations

from kshare.server.demo_content.spec import answer, article, comment, post, question

TONE = "howto"  # the kind of comments colleagues leave (see chatter.py)

THREADS = (
    article(
        "eng-billing-p99",
        "daniel.kim",
        "How we cut p99 latency of the billing API from 900 ms to 120 ms",
        """
        Enterprise customers kept telling Customer Success that the invoice page "feels
        sluggish". They were right: the `GET /v2/invoices` endpoint had a p99 of 900 ms. Over
        three sprints we brought it to 120 ms. Here is what mattered, in order of impact.

        ## 1. An N+1 hiding in the serializer

        Each invoice line loaded its tax rate with a separate query. For an invoice with 300
        lines that is 301 queries. The profiler made it obvious once we looked:

        ```bash
        go tool pprof -http=:8081 http://billing-api:6060/debug/pprof/profile?seconds=30
        ```

        Batch-loading tax rates per invoice took p99 from 900 ms to 410 ms.

        ## 2. Caching the currency table

        Exchange rates change once a day but we read them on every request. A Redis cache with
        a 10-minute TTL and a version key removed 40 ms from every call.

        ## 3. Pagination that does not count

        `SELECT count(*)` over 2 million invoices for the "page 3 of 812" label cost 150 ms on
        its own. We switched to keyset pagination and show "next" instead of a total.

        ## Results

        | Change | p50 | p99 |
        |--------|-----|-----|
        | Before | 180 ms | 900 ms |
        | Batch-load tax rates | 90 ms | 410 ms |
        | Cache currency table | 60 ms | 330 ms |
        | Keyset pagination | 35 ms | 120 ms |

        ## What I would do differently

        Start with the profile, not with a hypothesis. We spent the first week tuning database
        indexes that were already fine.
        """,
        tags=("performance", "billing", "Go", "Redis"),
        hooks=("the N+1 in the serializer", "keyset pagination", "starting with the profile"),
        comments=(
            comment(
                "linh.nguyen",
                """
                Two of my accounts mentioned in their QBR that invoices load "instantly" now.
                Passing the compliment on.
                """,
            ),
        ),
    ),
    article(
        "eng-idempotency-guide",
        "jonas.weber",
        "Idempotency keys in the billing API: a practical guide",
        """
        Every write endpoint of the billing API accepts an `Idempotency-Key` header. This page
        explains how it works, so that new endpoints get it right the first time.

        ## The contract

        - The client sends a random key (we recommend a UUID v4) with each logical operation.
        - The first request with a key is executed and its response stored for 24 hours.
        - A retry with the same key and the same body gets the stored response, byte for byte.
        - The same key with a *different* body gets `422 idempotency_key_reused`.

        ## How it is implemented

        ```python
        @router.post("/v2/charges")
        async def create_charge(body: ChargeIn, key: IdempotencyKey, db: Session) -> ChargeOut:
            async with idempotent(db, key, body) as stored:
                if stored is not None:
                    return stored
                charge = await charges.create(db, body)
                return ChargeOut.model_validate(charge)
        ```

        `idempotent()` takes a row lock on the key in the same transaction as the write, so two
        concurrent retries cannot both charge the card.

        ## Common mistakes

        1. Generating the key inside the retry loop. Then every retry is a new operation.
        2. Storing the response *after* commit. A crash in between means a retry charges again.
        3. Using the order id as the key. Orders can legitimately be charged twice (deposit and
           balance), so use a key per charge attempt.
        """,
        tags=("payments", "Python", "FastAPI", "idempotency"),
        days_ago=(300, 400),
        hooks=(
            "the row lock on the key",
            "generating the key outside the retry loop",
            "the 422 for a reused key",
        ),
    ),
    question(
        "eng-payment-retries",
        "lucas.moreau",
        "Failed card payments: do we retry on our side or let Stripe Smart Retries do it?",
        """
        For the new dunning flow I need to decide who owns retries. Customers complain that they
        sometimes get two "payment failed" emails for one invoice. What does the squad
        recommend, and what are the trade-offs?
        """,
        tags=("payments", "Stripe", "dunning"),
        days_ago=(200, 260),
        hooks=("Smart Retries", "the duplicate payment-failed emails"),
        answers=(
            answer(
                "lucia.ferreira",
                """
                Let Stripe own the retry schedule, and let us own the communication. Smart
                Retries recover about 11 % more failed payments than our fixed 1-3-7 day
                schedule did in the pilot, mostly because it avoids retrying at times the bank
                is likely to decline.

                The double emails happen because both Stripe and our dunning worker send one.
                Turn off Stripe's customer emails in the dashboard and send ours from the
                `invoice.payment_failed` webhook only. @jonas.weber can point you at the handler.
                """,
                accepted=True,
            ),
            answer(
                "daniel.kim",
                """
                One caveat: SEPA direct debits behave differently. A failure arrives days
                later, and Smart Retries do not apply. Keep our own schedule for SEPA.
                """,
            ),
        ),
    ),
    post(
        "eng-payments-priorities",
        "lucia.ferreira",
        "Payments squad: priorities for next quarter",
        """
        After the planning session, this is what we commit to, in order:

        1. **Dunning v2** with Stripe Smart Retries (Lucas owns the spec, Jonas the build).
        2. **Invoice PDFs in under 2 s** for invoices with 1,000+ lines (Daniel).
        3. **SEPA mandate migration** for the last 140 legacy customers.
        4. Test coverage of the webhook handlers to 85 % (Elena pairing with all of us).

        Explicitly *not* this quarter: multi-currency invoices. We will revisit in the next
        planning round with the Finance team.
        """,
        tags=("payments", "planning", "squad"),
        days_ago=(170, 199),
        tone="policy",
        audience=("group:Payments squad",),
        hooks=("dunning v2", "leaving multi-currency invoices for later"),
    ),
    question(
        "eng-hybrid-property-decimal",
        "jonas.weber",
        "SQLAlchemy 2.0: how do you type a hybrid_property that returns Decimal?",
        """
        `Invoice.total` is a `hybrid_property` that sums the lines. At instance level it returns
        `Decimal`, at class level a SQL expression. mypy complains whichever way I annotate it.
        Is there a pattern the guild uses?
        """,
        tags=("python", "SQLAlchemy", "typing"),
        audience=("group:Python guild",),
        hooks=("the inplace decorator", "the class-level expression"),
        answers=(
            answer(
                "sofia.alvarez",
                """
                Use the `inplace` form that SQLAlchemy 2.0 added for exactly this, with the
                expression typed as `ColumnElement[Decimal]`:

                ```python
                class Invoice(Base):
                    @hybrid_property
                    def total(self) -> Decimal:
                        return sum((line.amount for line in self.lines), Decimal(0))

                    @total.inplace.expression
                    @classmethod
                    def _total_expression(cls) -> ColumnElement[Decimal]:
                        return (
                            select(func.sum(Line.amount))
                            .where(Line.invoice_id == cls.id)
                            .scalar_subquery()
                        )
                ```

                mypy is happy with both `invoice.total` and `select(Invoice.total)`.
                """,
                accepted=True,
            ),
            answer(
                "wei.zhang",
                """
                And if you ever feel tempted to return `float` for convenience: please don't.
                We found a 0.01 rounding difference in a revenue report last year because of
                exactly that.
                """,
            ),
        ),
    ),
    post(
        "eng-accessibility-audit",
        "aisha.bello",
        "Accessibility audit of the web app: 34 issues, 9 of them critical",
        """
        The external audit against WCAG 2.2 AA is back. The full report is in the Web & Desktop
        drive; the headlines:

        - **Critical (9):** the date picker cannot be used with a keyboard, three modal dialogs
          trap focus, and chart colours fail contrast in dark mode.
        - **Serious (14):** missing labels on icon buttons, tables without header cells.
        - **Moderate (11):** mostly heading order and link text like "click here".

        I have created tickets with the `a11y` label. The critical ones go into the next two
        sprints; several are fixed in the design system, which means every team benefits.
        """,
        tags=("accessibility", "WCAG", "frontend"),
        days_ago=(300, 360),
        hooks=("the date picker keyboard issue", "chart contrast in dark mode"),
    ),
    question(
        "eng-focus-outline-rule",
        "zara.ahmed",
        "Do we have a rule for focus outlines in the design system?",
        """
        Some screens remove the browser focus ring because it "looks ugly" on buttons. I'd like
        to fix this properly in the Figma library and in code. Is there an agreed style?
        """,
        tags=("Accessibility", "design systems", "CSS"),
        days_ago=(250, 299),
        hooks=("focus-visible", "the 3:1 contrast requirement"),
        answers=(
            answer(
                "aisha.bello",
                """
                Yes, since the audit: never remove the outline, style it with `:focus-visible`
                so mouse users don't see it and keyboard users always do.

                ```css
                :focus-visible {
                  outline: 2px solid var(--nw-color-focus);
                  outline-offset: 2px;
                }
                ```

                `--nw-color-focus` meets the 3:1 contrast requirement against both themes. If a
                component needs something different, talk to me before overriding it.
                """,
                accepted=True,
            ),
        ),
    ),
    article(
        "eng-macos-notarization",
        "yuki.tanaka",
        "Signing and notarizing the desktop app on macOS: what finally worked",
        """
        It took three attempts to get the desktop app through Apple notarization reliably in
        CI. These are the steps that work today.

        ## Sign everything, inside out

        PyInstaller bundles dozens of `.dylib` and `.so` files. Each one must be signed with the
        hardened runtime before the app bundle itself:

        ```bash
        find dist/kshare.app -name "*.dylib" -o -name "*.so" | while read -r lib; do
          codesign --force --options runtime --timestamp \\
            --sign "Developer ID Application: Northwind Analytics" "$lib"
        done
        codesign --force --options runtime --timestamp \\
          --entitlements packaging/macos/entitlements.plist \\
          --sign "Developer ID Application: Northwind Analytics" dist/kshare.app
        ```

        ## Notarize and staple

        ```bash
        xcrun notarytool submit kshare.dmg --keychain-profile nw-notary --wait
        xcrun stapler staple kshare.dmg
        ```

        ## Things that cost us a day each

        - `--deep` looks convenient and signs things in the wrong order. Do not use it.
        - The entitlement `com.apple.security.cs.allow-unsigned-executable-memory` is needed
          for Qt's JavaScript engine, even if you never use QML.
        - The notary log (`xcrun notarytool log <id>`) tells you exactly which file failed.
          Read it before guessing.
        """,
        tags=("macOS", "packaging", "code signing", "Qt"),
        hooks=("signing inside out", "avoiding --deep", "the notary log"),
    ),
    question(
        "eng-feature-flag-lifetime",
        "aisha.bello",
        "How long may a feature flag live before we have to remove it?",
        """
        I found a flag called `new_invoice_table_2023` that has been at 100 % for ages. Is there
        a rule for cleaning these up, and who is allowed to delete a flag?
        """,
        tags=("feature flags", "release management"),
        hooks=("the 90-day rule", "the stale flag report"),
        answers=(
            answer(
                "marco.rossi",
                """
                The rule we agreed in the Web & Desktop team: a release flag lives at most 90
                days after reaching 100 %. The flag service sends a weekly "stale flags" report
                to the owning team's channel. Whoever created the flag removes it; if they have
                moved on, the team that owns the code does.

                Permission flags (plans, beta programmes) are different and can live forever,
                but they must be tagged `kind: permission`.
                """,
                accepted=True,
            ),
            answer(
                "elena.popescu",
                """
                Please remove the tests for the old branch in the same PR. Half of our slow
                suites are testing both sides of flags that nobody can switch off any more.
                """,
            ),
        ),
    ),
    post(
        "eng-flaky-sunday",
        "elena.popescu",
        "Flaky test of the week: the timezone test that only fails on Sundays",
        """
        `test_weekly_digest_schedule` failed every Sunday and passed the rest of the week.
        The test built "next Monday 09:00" with the machine's local time, while the scheduler
        works in UTC. On CI runners in UTC that is fine, except that on Sundays "next Monday"
        in `Pacific/Auckland` is already *today* in UTC.

        Fix: freeze time in the test and pass an explicit zone.

        ```python
        @pytest.mark.parametrize("zone", ["UTC", "Pacific/Auckland", "America/Toronto"])
        def test_weekly_digest_schedule(zone, frozen_clock):
            ...
        ```

        If you see a test that fails on a particular day, check its clock first.
        """,
        tags=("testing", "flaky tests", "pytest", "timezones"),
        hooks=("the Sunday failure", "freezing time in the test"),
    ),
    article(
        "eng-search-analyzers",
        "sofia.alvarez",
        'Why searching for "invoices 2024" found nothing: how our search analyzers work',
        """
        Last month a customer searched the app for `invoices 2024` and got zero results, while
        `invoice 2024` worked. This article explains how text becomes searchable in our
        OpenSearch cluster and what we changed.

        ## From text to tokens

        Every text field goes through an *analyzer*: a tokenizer followed by filters. Our
        default analyzer used to be:

        1. `standard` tokenizer (splits on whitespace and punctuation)
        2. `lowercase`
        3. `asciifolding` (so *Müller* matches *Muller*)

        There was no stemming, so `invoices` and `invoice` were different tokens.

        ## What we changed

        | Field | Old analyzer | New analyzer |
        |-------|--------------|--------------|
        | title | standard + lowercase | + English light stemmer |
        | body | standard + lowercase | + English light stemmer + synonyms |
        | customer name | standard + lowercase | + asciifolding + German normalisation |

        The synonym list lives in `search/synonyms.txt`. It is short on purpose: `PO, purchase
        order` and `SSO, single sign-on` are helpful; a list of 500 synonyms makes relevance
        unpredictable.

        ## Reindexing without downtime

        ```bash
        nwctl search reindex --index invoices --alias invoices-live --batch 1000
        ```

        The command builds a new index, copies documents, and swaps the alias atomically.
        """,
        tags=("search", "OpenSearch", "relevance"),
        days_ago=(200, 260),
        hooks=("the English light stemmer", "the short synonym list", "swapping the alias"),
    ),
    question(
        "eng-mueller-search",
        "hannah.schmidt",
        "Why does searching for Müller not find Mueller in the customer list?",
        """
        A colleague in Sales searched the CRM export view for "Müller GmbH" and missed the
        customer "Mueller GmbH". Is this a bug or expected? Folding ü to u works, apparently.
        """,
        tags=("search", "german", "OpenSearch"),
        days_ago=(150, 199),
        hooks=("German normalisation", "the ü and ue spellings"),
        answers=(
            answer(
                "sofia.alvarez",
                """
                Expected with the old analyzer, fixed since Tuesday. `asciifolding` turns
                ü into u, but German writes ü as *ue* when umlauts are not available, so we
                need the `german_normalization` filter, which maps both to the same token.
                The customer name field has it now; searching either spelling finds both.
                """,
                accepted=True,
            ),
        ),
    ),
    post(
        "eng-career-ladder-v3",
        "rafael.duarte",
        "Engineering career ladder v3 is live",
        """
        The new ladder is in the People handbook. The main changes:

        - Staff and Principal are described by *scope of impact*, not by years.
        - "Operational excellence" is now its own competency, so on-call and incident work
          count in promotions.
        - Every level has two or three concrete examples from Northwind, anonymised.

        Managers will walk through it with each of you in your next 1:1. Review cycle
        calibration will use v3 from the spring cycle on.
        """,
        tags=("career ladder", "engineering management"),
        days_ago=(420, 500),
        tone="policy",
        audience=("group:Platform Engineering",),
        hooks=("operational excellence as a competency", "the Northwind examples"),
    ),
    post(
        "eng-jonas-one-on-one-notes",
        "jonas.weber",
        "Notes for my next 1:1 with Lúcia",
        """
        - Ask about the Staff expectations in ladder v3: is the webhook work "team scope" or
          "multi-team scope"?
        - Conference budget: PyCon DE in April?
        - Raise that code reviews for the dunning PRs take 3+ days.
        - Mention I'd like to present the idempotency guide at the Python guild.
        """,
        tags=("1:1", "career"),
        days_ago=(235, 249),
        audience=("private",),
    ),
    post(
        "eng-feedback-webhooks",
        "lucia.ferreira",
        "Feedback on the webhook retries project",
        """
        Jonas, writing this down before our 1:1 so you have time to read it.

        What stood out: you found the race between the Stripe retry and our own worker before
        it reached production, and your idempotency guide is already linked from three other
        teams' docs. That is exactly the multi-team impact the ladder talks about.

        What to work on: the first design was reviewed only inside the squad. Next time bring
        the RFC to the architecture review earlier; Ingrid would have saved you the week on
        the locking approach.
        """,
        tags=("feedback",),
        days_ago=(250, 299),
        audience=("person:jonas.weber",),
        hooks=("the race with the Stripe retry", "bringing the RFC earlier"),
        extra_comments=0,
        comments=(
            comment(
                "jonas.weber",
                """
                Thanks Lúcia, fair point on the RFC. I'll book a slot for the dunning v2 design
                this month.
                """,
            ),
        ),
    ),
    question(
        "eng-go-or-python-renderer",
        "daniel.kim",
        "Go or Python for the new invoice PDF renderer?",
        """
        The current renderer is a Node service nobody wants to own. We need PDFs with 1,000+
        lines in under 2 seconds. Billing is Go, the rest of the squad writes Python. I have
        opinions, but I'd like to hear the arguments before the design review.
        """,
        tags=("architecture", "Go", "python", "PDF"),
        hooks=("the rule about the owning team's language", "the 2-second target"),
        answers=(
            answer(
                "rafael.duarte",
                """
                Pick the language of the team that will own it in two years, then prove the
                performance target with a spike. Here that is Python: four of five people in the
                squad write it daily. WeasyPrint rendered a 1,200-line invoice in 1.3 s in
                Jonas's spike last year, and you can move the table layout to a precomputed
                HTML template if it gets tight.
                """,
                accepted=True,
            ),
            answer(
                "jonas.weber",
                """
                I still have the spike branch (`spike/weasyprint-invoices`). The slow part was
                fonts: load them once per worker, not per document, and you save 400 ms.
                """,
            ),
            answer(
                "lucia.ferreira",
                """
                From the staffing side, agree with Rafael. We have one Go developer in the
                squad and Daniel should not be the only person who can fix invoices.
                """,
            ),
        ),
    ),
)

# Asked in the last days and not settled yet: the app suggests people who might know.
OPEN_QUESTIONS = (
    question(
        "eng-smartscreen-warning",
        "valentina.romero",
        "Windows SmartScreen warns customers about our installer. Is it signed?",
        """
        Three tickets this week, all from new customers on Windows 11: "Windows protected your
        PC" when they run the 4.12 installer, and two of them stopped there and asked us
        whether the file is safe. On macOS the signed and notarized build installs without
        any warning.

        Is the Windows installer signed with our certificate at all? If it is, is this the
        SmartScreen reputation problem new signing certificates have, and would an EV
        certificate make it go away? I would like to put a correct answer into our support
        macro.
        """,
        tags=("code signing", "Windows", "macOS", "installers"),
        days_ago=(1, 3),
    ),
)
