"""Data science: experiments, the feature store, pandas, dbt, forecasting, metrics."""

from __future__ import annotations

from kshare.server.demo_content.spec import answer, article, comment, post, question

TONE = "howto"  # the kind of comments colleagues leave (see chatter.py)

THREADS = (
    article(
        "data-ab-test-sizing",
        "arjun.mehta",
        "A/B testing at Northwind: size the experiment before you start",
        """
        Most experiments that "didn't show anything" were never able to. Before a test goes
        live, we now ask for a sample size estimate in the experiment brief. This page shows
        how to make one in five minutes.

        ## The three numbers you need

        1. **Baseline rate**: the current conversion, e.g. 4.2 % of trial users upgrade.
        2. **Minimum detectable effect (MDE)**: the smallest change worth acting on. Be honest;
           a 1 % relative lift is rarely worth a sprint.
        3. **Traffic**: how many eligible users per day enter the test.

        ## Calculating it

        ```python
        from statsmodels.stats.power import NormalIndPower
        from statsmodels.stats.proportion import proportion_effectsize

        effect = proportion_effectsize(0.042, 0.042 * 1.10)  # 10 % relative lift
        n = NormalIndPower().solve_power(effect, alpha=0.05, power=0.8, ratio=1.0)
        print(round(n))  # users per variant
        ```

        ## What that means in practice

        | Baseline | Relative MDE | Users per variant | Days at 1,500/day |
        |----------|--------------|-------------------|-------------------|
        | 4.2 % | 20 % | 9,700 | 13 |
        | 4.2 % | 10 % | 37,800 | 50 |
        | 4.2 % | 5 % | 149,000 | 199 |

        If the answer is "199 days", change the test: pick a metric closer to the change, or
        accept that you are shipping on judgement, which is fine, but say so.

        ## Rules we keep

        - Decide the duration up front and do not stop early because it looks good.
        - Run full weeks; Monday users behave differently from Saturday users.
        - One primary metric. Everything else is a guardrail.
        """,
        tags=("A/B testing", "experimentation", "statistics"),
        hooks=("the minimum detectable effect", "the 199-day row", "running full weeks"),
    ),
    question(
        "data-pricing-test-peeking",
        "ana.kovac",
        "Our pricing page test shows p = 0.04 after three days. Can we ship the winner?",
        """
        Variant B (annual plan shown first) is ahead: 5.1 % vs 4.3 % upgrade rate, p = 0.04
        in the experiment dashboard. The plan was to run four weeks. Sales would love to have
        the new page before the end of the quarter. Is it safe to stop now?
        """,
        tags=("a/b testing", "pricing", "experimentation"),
        hooks=("peeking at the p-value", "the four-week plan"),
        answers=(
            answer(
                "arjun.mehta",
                """
                Please don't. Checking a p-value every day and stopping at the first one below
                0.05 inflates the false-positive rate to something like 20-25 %. Three days
                also means you have only seen weekday traffic, and pricing-page visitors on
                weekends are mostly self-serve, a different population.

                If there is real time pressure, we can switch the test to a sequential design
                with proper stopping boundaries. I can set that up on Monday; it would let you
                stop at two weeks if the effect holds.
                """,
                accepted=True,
            ),
            answer(
                "hannah.schmidt",
                """
                Also worth knowing: the dashboard's p-value does not account for the two other
                metrics on that page. With three metrics, one of them at 0.04 is not surprising.
                """,
            ),
        ),
        comments=(
            comment(
                "ana.kovac",
                """
                Understood. Let's do the sequential design, I'll tell @carlos.mendes it is two
                weeks.
                """,
                on=0,
            ),
        ),
    ),
    article(
        "data-feature-store",
        "chloe.dubois",
        "Introducing the feature store: stop recomputing customer features in every notebook",
        """
        We counted eleven different definitions of "seats used in the last 30 days" across
        notebooks and models. From this month, the ML Platform feature store (built on Feast)
        is the single place for features used in production models.

        ## What is in it today

        | Feature view | Entity | Freshness | Used by |
        |--------------|--------|-----------|---------|
        | `account_usage_30d` | account | hourly | churn model, health score |
        | `account_billing` | account | daily | churn model, expansion model |
        | `user_activity_7d` | user | hourly | onboarding nudges |
        | `ticket_stats_90d` | account | daily | churn model |

        ## Reading features for training

        ```python
        from feast import FeatureStore

        store = FeatureStore(repo_path="feature_repo")
        training = store.get_historical_features(
            entity_df=labels,  # account_id + event_timestamp
            features=["account_usage_30d:seats_active", "ticket_stats_90d:p1_count"],
        ).to_df()
        ```

        Point-in-time joins are done for you, which removes the most common leakage bug we
        had: joining today's usage onto last year's churn labels.

        ## Adding a feature

        Open a PR in `feature_repo/` with the definition, an owner and a test. Mateo or I
        review within two working days.
        """,
        tags=("feature store", "Feast", "machine learning", "Python"),
        hooks=(
            "the point-in-time joins",
            "the eleven definitions of seats used",
            "the owner field",
        ),
    ),
    question(
        "data-pandas-groupby-slow",
        "hannah.schmidt",
        "pandas groupby().apply() takes 40 minutes on 20M rows. How do I speed it up?",
        """
        I compute, per account, the share of sessions longer than 10 minutes:

        ```python
        df.groupby("account_id").apply(lambda g: (g.duration > 600).mean())
        ```

        20 million rows, 40 minutes on my laptop, and the notebook kernel sometimes dies.
        What is the right way to write this?
        """,
        tags=("pandas", "performance", "python"),
        hooks=("the vectorised version", "the Polars alternative"),
        answers=(
            answer(
                "wei.zhang",
                """
                `apply` with a Python lambda runs your function once per group in Python, which
                is the slow part. Compute the boolean column first and let pandas aggregate in
                C:

                ```python
                df["long"] = df["duration"] > 600
                share = df.groupby("account_id", sort=False)["long"].mean()
                ```

                That runs in about 4 seconds on 20M rows. Also load `account_id` as
                `category`; it halves memory, which is probably why the kernel dies.

                If you want to go further, the same thing in Polars is one line and uses all
                cores: `df.group_by("account_id").agg((pl.col("duration") > 600).mean())`.
                """,
                accepted=True,
            ),
            answer(
                "mateo.garcia",
                """
                Or skip pandas for this one: it is a single `avg(case when ...)` in the
                warehouse, and the sessions table is already there. Pull the 80,000 result
                rows instead of 20 million raw ones.
                """,
            ),
        ),
    ),
    post(
        "data-dbt-hourly",
        "mateo.garcia",
        "dbt models now run hourly: what changes for your dashboards",
        """
        The core dbt project (`marts/`) moved from a nightly to an hourly schedule on the new
        Airflow deployment. What that means for you:

        - Looker explores built on `marts.*` are at most 70 minutes behind production.
        - `finance.*` models stay nightly on purpose; month-end numbers must not move during
          the day.
        - Full refreshes still run on Sunday at 03:00 UTC.

        Warehouse cost went up by about 9 %, less than expected, because we made the large
        models incremental first. If a dashboard looks wrong, check the freshness tile on the
        *Data health* board before opening a ticket.
        """,
        tags=("dbt", "Airflow", "data warehouse"),
        hooks=("the freshness tile", "keeping finance models nightly", "the 9 % cost increase"),
    ),
    question(
        "data-active-customers",
        "rebecca.hughes",
        'Which number is "active customers": the Looker tile or the board deck?',
        """
        The Looker *Company KPIs* tile says 1,284 active customers for last month. The board
        deck says 1,241. I need one number for the budget model. Which one is right, and why
        are they different?
        """,
        tags=("metrics", "Looker", "definitions"),
        hooks=("the metric definition page", "the trial accounts"),
        answers=(
            answer(
                "hannah.schmidt",
                """
                Both are "right", they use different definitions, which is the problem. The
                Looker tile counts any account with a paid subscription on the last day of the
                month, including the 43 accounts in a paid pilot. The board deck excludes
                pilots, per the definition Martin agreed with the board last year.

                For the budget model use the board definition. I have renamed the Looker tile
                to "Paying accounts incl. pilots" and added "Active customers (board)" next to
                it, so this should not happen again. Definitions are on the *Metric
                definitions* page in the Data Science space.
                """,
                accepted=True,
            ),
            answer(
                "nadia.haddad",
                """
                Thanks Hannah. Rebecca, for anything going to the board or investors, please
                pull from the `board_metrics` model; it is the only one we reconcile with
                Finance every month.
                """,
            ),
        ),
    ),
    post(
        "data-roadmap-h1",
        "nadia.haddad",
        "Data Science roadmap for the first half of next year",
        """
        Thank you all for the input in the planning offsite. The three bets:

        1. **Churn model v2** with reasons an account manager can act on (Wei, Chloé).
        2. **Experimentation platform**: sample size calculator, sequential tests, one
           results page per experiment (Arjun, with Product).
        3. **Self-serve metrics**: the 20 most requested numbers as certified Looker explores
           (Hannah, Mateo).

        What we stop doing: bespoke one-off analyses without a decision attached. If someone
        asks you for "some numbers", ask what decision they will make with them.
        """,
        tags=("roadmap", "data science", "planning"),
        days_ago=(400, 480),
        tone="policy",
        audience=("group:Data Science",),
        hooks=("analyses without a decision attached", "the certified explores"),
    ),
    article(
        "data-ticket-forecast",
        "wei.zhang",
        "Forecasting support ticket volume: what worked and what didn't",
        """
        Valentina asked whether we could predict ticket volume four weeks ahead to plan support
        shifts. Short answer: yes, to within about 12 %. Long answer below.

        ## Models we compared

        | Model | MAPE (4 weeks ahead) | Notes |
        |-------|----------------------|-------|
        | Same week last year | 31 % | Ignores growth |
        | Seasonal naive (last 4 weeks) | 18 % | Surprisingly decent |
        | Prophet with holidays | 15 % | Overreacts to launches |
        | Gradient boosting with release calendar | 12 % | What we use now |

        ## What made the difference

        - **Release calendar as a feature.** Ticket volume jumps 25-40 % in the week after a
          major release. Prophet had no way to know.
        - **Customer count, not time, as the trend.** Tickets grow with accounts; the model
          should learn tickets per account.
        - **Separate models per queue.** Billing and technical tickets have different weekly
          shapes.

        ## What did not help

        Weather, public holidays outside our three biggest markets, and a neural network.

        The forecast is refreshed every Monday and lands in the *Support planning* board.
        """,
        tags=("forecasting", "support", "time series", "machine learning"),
        hooks=("the release calendar feature", "tickets per account", "separate models per queue"),
    ),
    question(
        "data-churn-why",
        "linh.nguyen",
        "Can the churn model tell me why an account is at risk, not just that it is?",
        """
        Three of my accounts turned red in Salesforce this week. The score alone doesn't help me
        in a call; I need to know what to talk about. Is there a way to see the reasons?
        """,
        tags=("churn", "customer success", "machine learning"),
        days_ago=(250, 330),
        hooks=("the top three drivers", "the risk reason field"),
        answers=(
            answer(
                "wei.zhang",
                """
                Yes, since last week. Each score in Salesforce now comes with a field "Risk
                reasons" listing the top three drivers, computed with SHAP values. For example:
                *seats active down 40 % in 30 days*, *2 P1 tickets open*, *champion left
                (email bounced)*.

                They are contributions, not causes. "Seats down" might be a seasonal team, so
                use them as conversation starters, not as diagnoses.
                """,
                accepted=True,
            ),
            answer(
                "arjun.mehta",
                """
                If you find a reason that is obviously wrong for an account, please add a note
                on the account with the tag `#model-feedback`. We read them every sprint and
                they are the best training signal we have.
                """,
            ),
        ),
    ),
    post(
        "data-drift-alerts",
        "chloe.dubois",
        "Drift alerts for the churn model are live",
        """
        The churn model now has input drift monitoring. Every night we compare the last 7 days
        of each feature with the training distribution (population stability index). PSI above
        0.2 on any top-10 feature posts in `#ml-alerts` and opens a ticket for the ML Platform
        on-call.

        First catch already: `seats_active` drifted because the usage pipeline double-counted
        SSO logins for two days. Mateo fixed the pipeline; the model never saw bad data in
        scoring because the alert blocked the refresh.
        """,
        tags=("model monitoring", "MLOps", "churn"),
        audience=("group:ML Platform",),
        hooks=("the population stability index", "blocking the refresh"),
    ),
    question(
        "data-polars-billing",
        "jonas.weber",
        "Polars or pandas for the nightly billing reconciliation job?",
        """
        The reconciliation job compares our invoice lines with Stripe's balance transactions,
        about 3 million rows each, and currently takes 25 minutes in pandas. I'm rewriting it
        anyway. Is Polars mature enough for something finance depends on?
        """,
        tags=("Polars", "pandas", "Python", "payments"),
        audience=("group:Python guild",),
        hooks=("the lazy API", "the anti-join on charge_id"),
        answers=(
            answer(
                "wei.zhang",
                """
                Polars is mature enough, we use it in two production jobs. The lazy API is
                the real win for a job like yours:

                ```python
                ours = pl.scan_parquet("invoice_lines/*.parquet")
                theirs = pl.scan_parquet("stripe_balance/*.parquet")
                diff = ours.join(theirs, on=["charge_id"], how="anti").collect()
                ```

                Only the needed columns are read and the join runs on all cores. Expect
                minutes, not half an hour. Pin the version in the lock file; minor releases
                still rename things now and then.
                """,
                accepted=True,
            ),
            answer(
                "mateo.garcia",
                """
                Whatever you pick, write the discrepancies to a table rather than a CSV in S3.
                Thabo's team can then look at them in Looker without asking you.
                """,
            ),
        ),
    ),
    post(
        "data-looker-relative-dates",
        "hannah.schmidt",
        "Looker tip: use relative date filters, not hard-coded dates",
        """
        I fixed nine dashboards this week that still showed last quarter because someone filtered
        on a fixed date range. In the filter, choose **is in the last** → *3 complete months*,
        not **is in range**. "Complete" matters: it leaves out the current, half-finished
        month, which otherwise always looks like a dip.
        """,
        tags=("Looker", "dashboards", "tips"),
        hooks=("the complete-months option", "the half-finished month"),
    ),
    question(
        "data-airflow-scheduler-lag",
        "mateo.garcia",
        "The Airflow scheduler falls behind every morning. Move to the KubernetesExecutor?",
        """
        Between 05:00 and 07:00 UTC about 600 tasks queue up and some DAGs start 40 minutes
        late. We run CeleryExecutor with 6 workers. Is the KubernetesExecutor the fix, or is
        that just moving the problem?
        """,
        tags=("Airflow", "kubernetes", "data engineering"),
        hooks=("the scheduler parsing time", "the 05:00 start times"),
        answers=(
            answer(
                "kwame.mensah",
                """
                I looked at the scheduler metrics: the workers are not the bottleneck, the
                scheduler is. `dag_processing.total_parse_time` is 140 seconds because several
                DAG files query the database at import time. Fix those first (move the lookups
                into tasks) and raise `parsing_processes` to 4.

                KubernetesExecutor is worth it later for the heavy Spark tasks, but it would not
                fix this.
                """,
                accepted=True,
            ),
            answer(
                "chloe.dubois",
                """
                Also the training DAGs all start at 05:00 because that was the default in the
                template. I can move ML jobs to 03:00; they have no dependency on the morning
                loads.
                """,
            ),
        ),
    ),
    post(
        "data-experiment-checklist-draft",
        "arjun.mehta",
        "Draft: experiment review checklist",
        """
        - Is there a written hypothesis with a direction?
        - One primary metric, guardrails listed?
        - Sample size estimate attached, and duration in full weeks?
        - Randomisation unit matches the analysis unit (account vs user)?
        - Who decides, and what will they do for each outcome?

        To discuss with Nadia before sharing with Product.
        """,
        tags=("experimentation", "checklist"),
        audience=("private",),
    ),
    post(
        "data-pydata-talks",
        "nadia.haddad",
        "PyData Berlin: talk slots and travel budget",
        """
        Arjun, Wei: both of your proposals were accepted, congratulations! The budget covers
        travel and two nights for each of you. Please book through the travel tool before the
        end of the month so Finance can use the early rates, and send me your slides a week
        before for a quick review (mostly to check we don't show customer numbers).
        """,
        tags=("conferences", "PyData"),
        audience=("person:arjun.mehta", "person:wei.zhang"),
        hooks=("the slide review", "the early rates"),
        extra_comments=1,
    ),
)

# Asked in the last days and not settled yet: the app suggests people who might know.
OPEN_QUESTIONS = (
    question(
        "data-dunning-test-duration",
        "lucas.moreau",
        "How long must the dunning email test run to see a 2-point lift?",
        """
        We want to test a new dunning sequence (friendlier first email, card update link on
        day 1 instead of day 3) against the current one. Today about 38 % of failed payments
        are recovered within 14 days, and we see roughly 1,100 failed payments a month.

        If the new sequence is worth having it should add at least 2 percentage points. What
        sample size does that need, and so how many weeks, given that each payment only counts
        once its 14-day window is over? Marketing would like results before the January price
        change.
        """,
        tags=("A/B testing", "experimentation", "statistics", "dunning"),
        days_ago=(3, 7),
    ),
)
