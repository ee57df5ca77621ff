"""Site reliability: incidents, on-call, Kubernetes, Prometheus, PostgreSQL, CI."""

from __future__ import annotations

from kshare.server.demo_content.spec import answer, article, comment, post, question

TONE = "howto"  # the kind of comments colleagues leave (see chatter.py)

THREADS = (
    article(
        "sre-postmortem-pg-failover",
        "ingrid.halvorsen",
        "Postmortem: 47 minutes of failed checkouts after a PostgreSQL failover",
        """
        ## Summary

        On a Tuesday afternoon at 14:12 UTC the primary of `pg-billing` lost its EBS volume.
        Patroni promoted the replica in 31 seconds, exactly as designed, but the billing API
        kept sending writes to the old address for 47 minutes. Roughly 2,300 checkouts failed;
        none were charged twice, because the idempotency keys held.

        ## Timeline (UTC)

        | Time  | What happened |
        |-------|---------------|
        | 14:12 | EBS volume of `pg-billing-0` becomes unresponsive |
        | 14:12 | Patroni promotes `pg-billing-1` (31 s) |
        | 14:15 | `BillingCheckoutErrors` pages Priya |
        | 14:31 | We notice PgBouncer still resolves the old primary |
        | 14:58 | PgBouncer restarted with the new DNS answer, errors stop |
        | 15:40 | Incident closed, customer comms sent by Valentina's team |

        ## Root cause

        PgBouncer resolved the DNS name of the primary once at start-up and cached it. The
        `dns_max_ttl` setting was left at its default, so the failover was invisible to the
        pooler. Our failover drill in January used a Patroni switchover that also restarted
        PgBouncer, which is why the drill passed.

        ## What we changed

        - `dns_max_ttl = 15` and `server_check_query = select 1` on every PgBouncer.
        - PgBouncer now points at the Patroni REST endpoint via the `pg-primary` service, not a
          hand-maintained DNS record.
        - The quarterly drill now kills the primary's volume instead of running a polite
          switchover.
        - A new alert, `PgBouncerServerLoginFailures`, pages after two minutes.

        ```ini
        [pgbouncer]
        dns_max_ttl = 15
        server_check_query = select 1
        server_check_delay = 10
        ```

        ## What went well

        The idempotency keys did their job, support had a macro ready within twenty minutes, and
        nobody tried to fix things in production without saying so in `#inc-billing-pg`.
        """,
        tags=("postmortem", "PostgreSQL", "PgBouncer", "incident"),
        hooks=(
            "the dns_max_ttl setting",
            "the difference between the drill and the real failover",
            "the new PgBouncerServerLoginFailures alert",
        ),
        comments=(
            comment(
                "valentina.romero",
                """
                From the support side: the macro we used is now saved as "Billing outage,
                no double charge". Feel free to link it in the runbook.
                """,
            ),
            comment(
                "rafael.duarte",
                """
                Thank you for a blameless and very readable write-up. Killing the volume in the
                drill is the right call, even if it is scary the first time.
                """,
            ),
        ),
    ),
    question(
        "sre-which-alerts-page",
        "jonas.weber",
        "Which Prometheus alerts actually page the on-call, and which only go to Slack?",
        """
        I join the on-call rotation next month. Looking at `alerts/` in the platform repo there
        are about 140 rules, and I cannot tell from the YAML which ones wake someone up. Is there
        a label or a list I should be reading?
        """,
        tags=("prometheus", "on-call", "alerting"),
        days_ago=(200, 240),
        audience=("group:SRE on-call",),
        hooks=("the severity label", "the Alertmanager routing tree"),
        answers=(
            answer(
                "priya.raman",
                """
                It is the `severity` label. Alertmanager routes `severity: page` to PagerDuty and
                everything else (`ticket`, `info`) to `#alerts-platform`. Right now 23 rules page.
                Quick way to list them:

                ```bash
                grep -rl "severity: page" alerts/ | xargs grep -h "alert:" | sort
                ```

                Every paging rule must have a `runbook_url` annotation. If you find one without,
                that is a bug, please open a PR.
                """,
                accepted=True,
            ),
            answer(
                "oskar.lindqvist",
                """
                Adding to Priya's answer: Lighthouse has a page under Operations → Alerts that
                renders the same list with the last time each rule fired. Handy before your first
                shift to see which ones are noisy.
                """,
            ),
        ),
    ),
    post(
        "sre-handover-first-week",
        "priya.raman",
        "Your first on-call week: handover notes",
        """
        Jonas, you are shadowing @kwame.mensah from Monday and primary from the 18th. A few
        things that are not in the runbooks yet:

        1. The billing database has a nightly `VACUUM` at 02:00 UTC that briefly triggers
           `PostgresReplicationLag`. It resolves itself within ten minutes; ack it, don't
           escalate.
        2. If the EKS cluster autoscaler gets stuck, check the spot capacity dashboard first.
           Twice this quarter the fix was simply waiting for capacity in eu-central-1b.
        3. You are allowed to call me at any hour in your first two weeks. Really.

        Your PagerDuty override is set up. Shout if the app doesn't ring on your phone during
        the test page on Friday.
        """,
        tags=("on-call", "handover"),
        days_ago=(170, 199),
        audience=("person:jonas.weber", "person:kwame.mensah"),
        hooks=("the nightly VACUUM alert", "the spot capacity dashboard"),
        comments=(
            comment(
                "jonas.weber",
                """
                Thank you! Test page rang fine. I will keep the VACUUM note on a sticky for the
                first week.
                """,
            ),
        ),
    ),
    article(
        "sre-runbook-drain-node",
        "kwame.mensah",
        "Runbook: draining a Kubernetes node without waking up the payments team",
        """
        Draining a node looks trivial until a PodDisruptionBudget blocks it at 3 a.m. This is
        the sequence we use on the production EKS clusters.

        ## Before you start

        - Check that the node group has spare capacity: `kubectl get nodes -L
          node.kubernetes.io/instance-type`.
        - Look for single-replica deployments on the node. They will have downtime however
          carefully you drain.

        ## Drain

        ```bash
        kubectl cordon ip-10-42-7-19.eu-central-1.compute.internal
        kubectl drain ip-10-42-7-19.eu-central-1.compute.internal \\
          --ignore-daemonsets --delete-emptydir-data --timeout=10m
        ```

        ## When the drain hangs

        Nine times out of ten it is a PodDisruptionBudget with `minAvailable` equal to the
        replica count. `kubectl get pdb -A` shows `ALLOWED DISRUPTIONS 0`. Do not delete the PDB;
        scale the deployment up by one, wait for the new pod to be ready, and the drain
        continues on its own.

        ## PDBs we recommend

        ```yaml
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: billing-api
        spec:
          maxUnavailable: 1
          selector:
            matchLabels:
              app: billing-api
        ```

        `maxUnavailable: 1` is almost always what you want. `minAvailable: 100%` means "never
        drain this node", which nobody actually means.
        """,
        tags=("Kubernetes", "runbook", "EKS"),
        hooks=(
            "the maxUnavailable advice",
            "scaling up instead of deleting the PDB",
            "the single-replica check",
        ),
    ),
    question(
        "sre-oomkilled-flat-graph",
        "sofia.alvarez",
        "Why is my pod OOMKilled when the Grafana memory graph looks flat?",
        """
        The search indexer pod restarts every few hours with `OOMKilled`, limit 2 GiB. The
        "Memory usage" panel in the service dashboard never goes above 1.1 GiB. What am I
        missing?
        """,
        tags=("kubernetes", "Grafana", "memory"),
        hooks=("the scrape interval", "container_memory_working_set_bytes"),
        answers=(
            answer(
                "kwame.mensah",
                """
                Two things usually explain this. First, the dashboard panel is averaged over
                the 30-second scrape interval, so a spike that lasts two seconds never shows up.
                Second, that panel uses `container_memory_rss`, but the kernel kills on the
                cgroup's working set, which includes page cache the indexer dirties while
                writing segments.

                Switch the panel to `container_memory_working_set_bytes` with `max_over_time`
                and you will see the peaks:

                ```promql
                max_over_time(container_memory_working_set_bytes{pod=~"search-indexer.*"}[5m])
                ```

                For the indexer specifically, cap the bulk batch size; 5,000 documents per batch
                was enough to push it over.
                """,
                accepted=True,
            ),
            answer(
                "priya.raman",
                """
                Also check `kubectl describe pod` for the last state. If it says `OOMKilled`
                with exit code 137 it was the cgroup; if the node itself was under pressure you
                would see an eviction instead, which is a different fix.
                """,
            ),
        ),
        comments=(
            comment(
                "sofia.alvarez",
                """
                Batch size down to 1,000 and no restarts in three days. The peaks were 2.3 GiB,
                you were spot on.
                """,
                on=0,
            ),
        ),
    ),
    post(
        "sre-burn-rate-alerts",
        "priya.raman",
        "We now page on error-budget burn rate instead of raw 5xx counts",
        """
        From today the billing API, the public API and login page on **burn rate** against
        their 99.9 % monthly SLO, not on "more than 50 errors in 5 minutes".

        The rule pages when we burn 2 % of the monthly budget in one hour (fast burn) or 5 % in
        six hours (slow burn). In the last 90 days of data this would have paged 6 times
        instead of 41, and it would have caught all three real incidents earlier.

        The dashboards under *SLOs* in Grafana show the remaining budget for each service.
        Teams that want the same for their service: copy `alerts/slo/billing-api.yaml` and
        change the selector, or ask in `#sre`.
        """,
        tags=("Prometheus", "SLO", "alerting"),
        days_ago=(300, 380),
        hooks=("the fast and slow burn windows", "going from 41 pages to 6"),
    ),
    question(
        "sre-pgbouncer-prepared-statements",
        "daniel.kim",
        "PgBouncer transaction pooling broke our prepared statements. What should we use?",
        """
        After moving the invoicing worker behind PgBouncer in transaction mode we get
        `prepared statement "S_1" does not exist` a few hundred times a day. The worker uses
        pgx in Go. Session pooling fixes it but then we run out of connections. What is the
        recommended setup here?
        """,
        tags=("PgBouncer", "postgresql", "Go"),
        hooks=("the max_prepared_statements setting", "the statement cache mode"),
        answers=(
            answer(
                "ingrid.halvorsen",
                """
                We run PgBouncer 1.21 everywhere now, which supports prepared statements in
                transaction mode. Set `max_prepared_statements = 200` on the pooler and the
                error disappears without changing the worker.

                If you cannot wait for that config rollout, tell pgx not to prepare on the
                server:

                ```go
                cfg.ConnConfig.DefaultQueryExecMode = pgx.QueryExecModeCacheDescribe
                ```

                Please do not switch to session mode; the billing cluster has 400 server
                connections in total and session pooling would eat them in an afternoon.
                """,
                accepted=True,
            ),
            answer(
                "jonas.weber",
                """
                For the Python services we hit the same thing with asyncpg; the equivalent is
                `statement_cache_size=0` on the connection. Slightly slower, but fine for us.
                """,
            ),
        ),
    ),
    post(
        "sre-eks-upgrade-window",
        "kwame.mensah",
        "EKS 1.29 → 1.30 upgrade this Thursday, 06:00–08:00 UTC",
        """
        We upgrade the production control plane and node groups on Thursday morning. Staging
        has been on 1.30 for two weeks with no surprises.

        What you might notice:

        - Pods get rescheduled as node groups roll, one availability zone at a time.
        - Deploys are frozen during the window. The deploy bot will tell you so.
        - Anything with a single replica will restart. You know who you are.

        Follow along in `#ops-maintenance`. Rollback plan is in the change ticket CHG-1182.
        """,
        tags=("kubernetes", "maintenance", "EKS"),
        audience=("group:Platform Engineering",),
        hooks=("the deploy freeze", "the rollback plan"),
    ),
    question(
        "sre-restore-single-table",
        "mateo.garcia",
        "How do I restore one table from last night's backup without touching production?",
        """
        An Airflow task truncated `analytics.customer_segments` this morning (my fault, wrong
        connection id). The table is not huge, around 4 million rows. Can I get yesterday's
        version back without a full restore of the warehouse replica?
        """,
        tags=("postgresql", "backups", "Airflow"),
        hooks=("the scratch instance", "pg_restore with a table filter"),
        answers=(
            answer(
                "ingrid.halvorsen",
                """
                Yes. We keep daily logical dumps for the analytics database for 14 days in
                `s3://nw-db-backups/analytics/`. Restore into a scratch instance, then copy the
                table across:

                ```bash
                pg_restore --dbname=scratch --table=customer_segments --schema=analytics \\
                  analytics-$(date -d yesterday +%F).dump
                ```

                Then `\\copy` it out and into the real table, or use `postgres_fdw` if you are
                comfortable with it. Ping me and I will give you a scratch instance from the
                `db-scratch` pool; they self-destruct after 24 hours.
                """,
                accepted=True,
            ),
            answer(
                "priya.raman",
                """
                And afterwards, it is worth giving the Airflow connection for production a
                read-only role. Nobody should be able to truncate from a DAG by accident.
                """,
            ),
        ),
    ),
    article(
        "sre-terraform-conventions",
        "kwame.mensah",
        "Terraform conventions for the platform repository",
        """
        We have about 60 Terraform modules and 14 state files. These conventions keep plans
        short and reviews readable. New modules must follow them; old ones get fixed when
        touched.

        ## Layout

        | Path | What lives there |
        |------|------------------|
        | `modules/` | Reusable modules, no provider blocks |
        | `envs/prod/`, `envs/staging/` | Root modules, one state each per area |
        | `policies/` | OPA policies run by `conftest` in CI |

        ## Rules

        1. One state per blast radius: networking, databases, clusters and DNS never share a
           state file.
        2. Every module has a `README.md` generated by `terraform-docs`.
        3. Pin provider versions with `~>` on the minor version.
        4. No `count` for things that have names; use `for_each` over a map so removing an
           element does not renumber the rest.
        5. Tags come from `local.default_tags`; cost allocation depends on `team` and
           `service`.

        ## Before you open a PR

        ```bash
        terraform fmt -recursive
        terraform validate
        make plan ENV=staging AREA=databases
        ```

        Paste the plan summary into the PR. Atlantis will run it again, but reviewers read
        the PR first.
        """,
        tags=("terraform", "AWS", "conventions"),
        hooks=("one state per blast radius", "for_each instead of count", "the cost tags"),
    ),
    post(
        "sre-srecon-notes",
        "priya.raman",
        "Draft: SREcon talk proposal on burn-rate alerting",
        """
        Working title: *From 41 pages to 6: burn-rate alerts in a 50-person company*.

        - Story arc: the week of 11 pages in one night, what we measured, what we changed.
        - Show the two Alertmanager routes and the Grafana SLO board.
        - Be honest about the miss: the slow-burn rule fired 3 hours late in April.
        - Ask Rafael whether we can show real numbers or must normalise them.

        Deadline for the CFP is the 28th.
        """,
        tags=("SLO", "talks"),
        days_ago=(200, 299),
        audience=("private",),
    ),
    question(
        "sre-ci-38-minutes",
        "marco.rossi",
        "Our CI pipeline for the web app takes 38 minutes. Where do we start?",
        """
        It used to be 12 minutes a year ago. Nobody changed anything dramatic, it just crept up.
        Before I ask someone to spend a sprint on it: what are the usual suspects?
        """,
        tags=("CI/CD", "GitHub Actions", "performance"),
        hooks=("the dependency cache key", "test sharding"),
        answers=(
            answer(
                "oskar.lindqvist",
                """
                I looked at the last 50 runs. Three things explain most of it:

                1. The `node_modules` cache key includes the commit SHA, so it never hits. Key
                   it on the hash of `package-lock.json` instead. That alone saves 6 minutes.
                2. The end-to-end suite runs on one runner. Split it across 4 shards with
                   Playwright's `--shard=1/4`; about 11 minutes saved.
                3. The Docker build does not use BuildKit cache mounts, so every run reinstalls
                   everything. Another 5 minutes.

                I can pair with someone from your team on Thursday if that helps.
                """,
                accepted=True,
            ),
            answer(
                "elena.popescu",
                """
                On the test side: 140 of the 900 end-to-end tests are retried at least once a
                week. Retries are hiding flakiness *and* costing time. I keep a list in the QE
                board; fixing the top 20 would cut both.
                """,
            ),
        ),
        comments=(
            comment(
                "marco.rossi",
                "Done the cache key change already. 31 minutes. Thursday works, thank you!",
                on=0,
            ),
        ),
    ),
    post(
        "sre-distroless-images",
        "oskar.lindqvist",
        "Python services are moving to distroless base images",
        """
        From next sprint the service template builds on `gcr.io/distroless/python3-debian12`
        instead of `python:3.11-slim`. Images shrink from about 180 MB to 60 MB and the
        scanner findings drop from 40-ish to a handful, mostly in our own dependencies.

        The catch: there is no shell. `kubectl exec -- bash` will not work. For debugging use
        an ephemeral container:

        ```bash
        kubectl debug -it pod/search-indexer-7d9c --image=busybox --target=app
        ```

        The migration guide is in Lighthouse under *Service template → Changelog*.
        """,
        tags=("Docker", "python", "containers"),
        hooks=("the missing shell", "ephemeral debug containers", "the image size drop"),
    ),
    question(
        "sre-shell-without-exec",
        "patrick.murphy",
        "Can support get a shell in a production pod to read a customer's export file?",
        """
        A customer says their CSV export is truncated at 65,535 rows. I want to look at the file
        the export worker wrote before it gets uploaded. I don't have `kubectl exec` rights in
        production. Is there an approved way?
        """,
        tags=("kubernetes", "support", "access"),
        audience=("group:Support escalations",),
        hooks=("the break-glass process", "the export bucket"),
        answers=(
            answer(
                "priya.raman",
                """
                No shell for support in production, sorry; that is one of our SOC 2 controls.
                But you don't need it here: the export worker writes every file to
                `s3://nw-exports-prod/<tenant>/` before upload, and support has read access to
                that bucket through the *Support tools* role in the AWS portal.

                If you ever do need someone inside a pod, page the on-call with the ticket
                number and they will do it with you on a call. That gets logged as a
                break-glass session.
                """,
                accepted=True,
            ),
        ),
        comments=(
            comment(
                "patrick.murphy",
                """
                Found it in the bucket. The file is complete; the customer opened it in an old
                Excel that stops at 65,535 rows. Closing the ticket with a friendly note.
                """,
                on=0,
            ),
        ),
    ),
)

# Asked in the last days and not settled yet: the app suggests people who might know.
OPEN_QUESTIONS = (
    question(
        "sre-hpa-latency-metric",
        "chloe.dubois",
        "Can the churn model's pods autoscale on p95 latency instead of CPU?",
        """
        The churn scoring service runs on EKS with an HPA on 70 % CPU. On Monday mornings the
        batch of renewal checks pushes p95 latency from 120 ms to 1.8 s while CPU sits at 45 %,
        because most of the time goes into waiting on the feature store. So the HPA never
        scales out.

        We already export `http_request_duration_seconds` to Prometheus. Do we run the
        Prometheus adapter or KEDA in the cluster, and is there an example of an HPA on a
        custom metric I can copy? I would rather not invent our own pattern.
        """,
        tags=("kubernetes", "prometheus", "EKS", "model serving"),
        days_ago=(2, 5),
    ),
    question(
        "sre-replica-query-cancelled",
        "hannah.schmidt",
        "Looker queries on the reporting replica fail with 'conflict with recovery'",
        """
        Since last week about one in five runs of the revenue dashboard fails with:

        ```text
        ERROR: canceling statement due to conflict with recovery
        DETAIL: User query might have needed to see row versions that must be removed.
        ```

        It only happens on the heavy tiles (the 13-month cohort view takes 4 to 6 minutes)
        and only on weekday mornings. Looker points at `pg-reporting-replica`. Is there a
        setting on the replica we can change, or should these queries go somewhere else?
        """,
        tags=("postgresql", "Looker", "dashboards"),
        days_ago=(6, 9),
        answers=(
            answer(
                "mateo.garcia",
                """
                I saw the same on the dbt runs last year. I believe turning on
                `hot_standby_feedback` on the replica fixed it for us, but that was on the
                old cluster before the Patroni move, so I am not sure it still applies.
                """,
            ),
        ),
        comments=(
            comment(
                "hannah.schmidt",
                """
                Thanks Mateo. I read that `hot_standby_feedback` can cause bloat on the
                primary. Does anyone know if that is a risk for the billing tables, or is
                there a delay setting that is safer?
                """,
                on=0,
            ),
        ),
    ),
)
