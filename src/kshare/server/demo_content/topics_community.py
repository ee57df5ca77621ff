"""Communities: the Python guild, Women in Tech, running, books, parents, security champions."""

from __future__ import annotations

from kshare.server.demo_content.spec import answer, article, comment, post, question

TONE = "social"  # the kind of comments colleagues leave (see chatter.py)

THREADS = (
    post(
        "club-lunch-run-lisbon",
        "isabel.costa",
        "Lunch run on Thursday: 6 km along the river in Lisbon",
        """
        Meeting at 12:15 in the lobby, running from the office down to the river and along to
        the MAAT and back. Conversational pace, about 6:00 per km, nobody gets left behind.
        Showers on the second floor; bring a towel. Berlin, Toronto: post your own in here!
        """,
        tags=("running", "Lisbon"),
        audience=("group:Running club",),
        hooks=("the river route", "the conversational pace"),
    ),
    post(
        "club-strava-challenge",
        "kwame.mensah",
        "Strava challenge: 500 km as a club in October",
        """
        Remote folks, this one is for us too. The Northwind club on Strava has 23 members;
        if everyone logs about 22 km in October, we make 500 km together. Walking counts.
        Treadmill counts. The person with the most *elevation* (not distance) picks the
        charity for the 250 EUR the People team kindly offered.
        """,
        tags=("running", "Strava", "remote"),
        audience=("group:Running club",),
        hooks=("the elevation prize", "the charity donation"),
    ),
    question(
        "club-first-half-marathon",
        "emma.wilson",
        "First half marathon in April: how should I train?",
        """
        I signed up for the Hackney half marathon in April. Currently running 15-20 km a week,
        5 km at most in one go. How much time do I need, and what should a week look like?
        """,
        tags=("running", "half marathon"),
        audience=("group:Running club",),
        hooks=("the long run", "the easy pace"),
        answers=(
            answer(
                "daniel.kim",
                """
                You have plenty of time. Something like 16 weeks, three or four runs a week:

                - one **long run** that grows by about 1-2 km a week up to 18 km, three weeks
                  before the race;
                - one run with some faster bits (e.g. 5 x 3 minutes at a hard pace);
                - one or two easy runs, truly easy: you should be able to talk.

                Every fourth week, cut back by a third. The most common mistake is running the
                easy runs too fast. Good luck!
                """,
                accepted=True,
            ),
            answer(
                "isabel.costa",
                """
                And buy the shoes now, not in March. Running the race in new shoes is the
                second most common mistake. Happy to join some long runs when you're in Lisbon.
                """,
            ),
        ),
    ),
    post(
        "guild-lightning-talks",
        "jonas.weber",
        "Python guild lightning talks next Thursday: typing, uv and a faster test suite",
        """
        Three talks, ten minutes each, 16:00 CET on the usual video link, recorded for the
        people in Toronto:

        1. **Sofía**: "Typing SQLAlchemy 2.0 models without losing your mind"
        2. **Wei**: "Polars for people who think in pandas"
        3. **Elena**: "From 14 to 4 minutes: parallelising our pytest suite with xdist"

        Bring your questions. Snacks in the Berlin and Lisbon kitchens.
        """,
        tags=("Python", "lightning talks", "guild"),
        audience=("group:Python guild",),
        hooks=("the xdist talk", "the recording for Toronto"),
    ),
    article(
        "guild-packaging-2026",
        "wei.zhang",
        "Python packaging at Northwind: uv, lock files and the private index",
        """
        We had five ways of managing Python dependencies across 30 repositories. The guild
        agreed on one. New projects use it from today; old ones migrate when convenient.

        ## The setup

        - **uv** for environments and locking. It's fast enough that nobody skips it.
        - `pyproject.toml` as the single source of dependencies; no `requirements.txt`
          except as an export for Docker images.
        - `uv.lock` committed to the repository.
        - Internal packages come from the private index on our artifact registry.

        ## Everyday commands

        ```bash
        uv sync                 # create or update .venv from the lock file
        uv add httpx            # add a dependency and update the lock
        uv lock --upgrade-package sqlalchemy
        uv run pytest -n auto
        ```

        ## The private index

        ```toml
        [[tool.uv.index]]
        name = "northwind"
        url = "https://artifacts.northwind.internal/pypi/simple"
        ```

        Credentials come from the keyring (`uv auth` reads it), never from a file in the
        repository.

        ## Migrating an old project

        | From | Command |
        |------|---------|
        | pip-tools | `uv add -r requirements.in` |
        | Poetry | `uvx migrate-to-uv` |
        | plain requirements.txt | `uv add -r requirements.txt`, then prune |
        """,
        tags=("python", "packaging", "uv"),
        tone="howto",
        hooks=("the private index", "committing uv.lock", "the migration table"),
    ),
    question(
        "guild-lockfile-desktop",
        "yuki.tanaka",
        "uv or pip-tools for the desktop app, given PyInstaller?",
        """
        The desktop app builds with PyInstaller on Windows, macOS and Linux. We use pip-tools
        with three platform-specific requirements files, which drift apart. Does uv's universal
        lock file work for this?
        """,
        tags=("Python", "packaging", "PyInstaller"),
        tone="howto",
        audience=("group:Python guild",),
        hooks=("the universal lock file", "the platform markers"),
        answers=(
            answer(
                "wei.zhang",
                """
                Yes, that's the main reason to switch. `uv.lock` is universal: one file with
                environment markers, resolved for all platforms at once. Each build runs
                `uv sync --frozen` and gets the right wheels for its platform. No more drift.

                PyInstaller itself doesn't care how the environment was created. Put it in a
                `build` dependency group so it isn't in the runtime dependencies.
                """,
                accepted=True,
            ),
            answer(
                "jonas.weber",
                """
                We did this for the billing worker's Windows tooling last month. One gotcha:
                pin `pywin32` with a marker (`sys_platform == 'win32'`), otherwise the resolver
                complains on macOS.
                """,
            ),
        ),
    ),
    post(
        "wit-negotiation-workshop",
        "priya.raman",
        "Recap: the salary negotiation workshop",
        """
        Thank you to the 19 people who joined, and to Naomi for being so open about how pay
        bands work here. My three takeaways:

        1. Know your band. Everyone can ask their manager for the band of their level.
        2. Talk about scope, not about what others earn.
        3. "I'd like to understand what the next level looks like for me" is a great first
           sentence.

        Slides and the anonymous Q&A are in the group files. Next session: public speaking,
        with Noa.
        """,
        tags=("negotiation", "career", "women in tech"),
        audience=("group:Women in Tech",),
        hooks=("knowing your band", "the first sentence about the next level"),
    ),
    post(
        "wit-conference-tickets",
        "fatima.elamrani",
        "We're sponsoring two tickets to a women in tech conference",
        """
        The Women in Tech community has two sponsored tickets for the conference in Amsterdam
        in June, travel included, on top of your own learning budget. Anyone at Northwind who
        identifies as a woman or non-binary and works in or towards a technical role can apply.
        Tell us in three sentences what you'd like to learn. Deadline: end of the month.
        """,
        tags=("conferences", "women in tech", "diversity"),
        hooks=("the three-sentence application", "the sponsored travel"),
    ),
    question(
        "wit-speaking-mentor",
        "aisha.bello",
        "Looking for a mentor to help me give my first conference talk",
        """
        My accessibility talk was accepted at a frontend conference in the autumn. I have never
        spoken to more than 30 people. Is anyone up for a few practice sessions?
        """,
        tags=("public speaking", "mentoring"),
        audience=("group:Women in Tech",),
        hooks=("the dry run", "the timing of the demo"),
        answers=(
            answer(
                "priya.raman",
                """
                Congratulations! Yes, happily. Let's do three sessions: outline in a month,
                a rough run-through six weeks before, and a full dry run in front of the group
                two weeks before. The dry run is the one that matters; people will be kind
                and honest.
                """,
                accepted=True,
            ),
            answer(
                "noa.levi",
                """
                I'll come to the dry run. One tip from my first talk: record your demo as a
                video backup. Conference Wi-Fi is where demos go to die.
                """,
            ),
        ),
    ),
    post(
        "book-culture-map",
        "jakob.berg",
        "This month's book: The Culture Map",
        """
        We read Erin Meyer's *The Culture Map* this month. With colleagues in 14 countries, it
        seemed overdue. Discussion on the 24th at 12:30 CET, video link in the calendar invite.

        Question to think about: on the "giving negative feedback" scale, where does Northwind
        sit as a company, and is it the same in every office?
        """,
        tags=("book club", "culture"),
        audience=("group:Book club",),
        hooks=("the negative feedback scale", "the 14 countries"),
        days_ago=(30, 45),
    ),
    post(
        "book-systems-notes",
        "ben.carter",
        "Notes from our discussion of Thinking in Systems",
        """
        Eight of us, one hour, many tangents. The bits that stuck:

        - **Stocks and flows** explained our support backlog better than any dashboard: the
          backlog is a stock, and we only ever looked at the inflow.
        - **Delays** make people overcorrect. Hiring takes four months, so we hire in panics.
        - Tomasz's point: OKRs are a feedback loop with a three-month delay, no wonder they
          oscillate.

        Next month: *The Culture Map*, Jakob's pick.
        """,
        tags=("book club", "systems thinking"),
        audience=("group:Book club",),
        hooks=("stocks and flows", "the hiring delay"),
        days_ago=(60, 75),
    ),
    post(
        "parents-school-holidays",
        "rohan.kapoor",
        "School holiday calendar for all our offices",
        """
        I've put the school holidays for Berlin, Lisbon, London, Toronto and the countries of
        our remote colleagues into one shared calendar (*Parents network → School holidays*).
        Subscribe to it and you'll see at a glance why half the Lisbon team is out in the
        first week of April. Managers planning offsites: please check it first.
        """,
        tags=("parents", "school holidays", "calendar"),
        audience=("group:Parents network",),
        hooks=("the shared calendar", "planning offsites around it"),
    ),
    post(
        "champions-volunteers",
        "noa.levi",
        "Security champions: looking for volunteers in Sales and Data",
        """
        The security champions programme now has a champion in every engineering team. We'd
        like one in Sales (security questionnaires and customer calls) and one in Data
        (access to customer data, notebooks). About two hours a month: a monthly call, a
        quick review now and then, and first access to our threat-modelling training.
        Interested? Comment here or message me.
        """,
        tags=("security champions", "security"),
        hooks=("the two hours a month", "the threat-modelling training"),
        comments=(
            comment(
                "julien.martin",
                """
                I'm in for Sales, I already answer half the questionnaires anyway. Added myself
                to the group.
                """,
            ),
        ),
    ),
)
