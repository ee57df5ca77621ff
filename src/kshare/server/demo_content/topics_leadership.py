"""The leadership team: company updates, OKRs, and two confidential projects.

Everything addressed to Project Falcon or Reorg 2027 is visible only to the members of
those secret groups; the demo user is in neither.
"""

from __future__ import annotations

from kshare.server.demo_content.groups import FALCON, REORG
from kshare.server.demo_content.spec import answer, article, comment, post, question

_FALCON = (f"group:{FALCON}",)
_REORG = (f"group:{REORG}",)

TONE = "policy"  # the kind of comments colleagues leave (see chatter.py)

THREADS = (
    post(
        "ceo-all-hands-recap",
        "helena.marsh",
        "All-hands recap: this year's results and next year's three priorities",
        """
        For everyone who couldn't join live (the recording is on the intranet):

        **This year:** revenue grew 41 %, gross revenue retention reached 94 %, and we became
        SOC 2 Type II certified. We're 54 people in 9 countries.

        **Next year's priorities:**

        1. **Enterprise readiness**: SSO and SCIM everywhere, audit logs, data residency.
        2. **Analytics add-on** to general availability, priced per workspace.
        3. **Efficiency**: grow revenue faster than costs, especially cloud costs per customer.

        Thank you for a remarkable year. The questions we didn't get to are answered in the
        Q&A document by the end of the week.
        """,
        tags=("all-hands", "strategy", "company update"),
        days_ago=(15, 40),
        hooks=("the three priorities", "enterprise readiness", "the Q&A document"),
    ),
    article(
        "ceo-okrs-how",
        "tomasz.nowak",
        "How OKRs work at Northwind, and how to score them honestly",
        """
        OKRs help us agree on what matters this quarter and notice early when it's not going
        well. They are not a performance review tool, and nobody's bonus depends on them.

        ## The structure

        - **Company OKRs**: three objectives, set by the leadership team.
        - **Department OKRs**: one to three objectives that contribute to a company one.
        - **Team OKRs**: optional. Many teams use their roadmap themes instead, which is fine.

        ## Writing a good key result

        | Weak | Better |
        |------|--------|
        | Improve onboarding | 70 % of new workspaces connect a data source in week one (now 45 %) |
        | Launch SCIM | 20 enterprise customers provisioning users via SCIM |
        | Reduce cloud costs | Cloud cost per customer below 55 EUR/month (now 63) |

        A key result is an outcome you can measure, with a starting point.

        ## Scoring

        We score 0.0 to 1.0 at the end of the quarter. **0.7 is a good score.** If every key
        result is at 1.0, the goals were too safe. Write one sentence per key result on what
        you learned; that sentence is more useful than the number.

        ## Where they live

        The *OKRs* page in the Office of the CEO space, updated every second Friday before the
        all-hands.
        """,
        tags=("OKRs", "planning", "goals"),
        hooks=("0.7 as a good score", "the weak and better examples", "the one-sentence learning"),
    ),
    question(
        "ceo-where-okrs",
        "hannah.schmidt",
        "Where do I find the current company OKRs, and who updates the numbers?",
        """
        I want to link the Data Science dashboards to the company key results so the numbers
        match. Where's the source of truth, and who updates it?
        """,
        tags=("okrs", "metrics"),
        hooks=("the OKR owners", "linking dashboards to key results"),
        answers=(
            answer(
                "tomasz.nowak",
                """
                The *OKRs* page in the Office of the CEO space is the source of truth. Each key
                result has an owner who updates it every second Friday, before the all-hands.
                Linking them to your dashboards would be great: add the dashboard link in the
                "Measured by" column and I'll switch the owners to reading from it, instead of
                typing numbers by hand.
                """,
                accepted=True,
            ),
        ),
    ),
    post(
        "ceo-hybrid-work",
        "helena.marsh",
        "Hybrid work: what we expect, and what we don't",
        """
        A few people asked whether the new Lisbon office means a change to how we work. It
        doesn't. To be explicit:

        - **Remote is a first-class way to work here.** A third of us are fully remote.
        - People near an office come in when it helps the work: planning, onboarding, workshops.
          There is no minimum number of days.
        - Every meeting with one remote participant is run as a remote meeting: everyone on
          their own laptop, notes in a shared doc.
        - Teams meet in person at least twice a year; travel is in the budget.
        """,
        tags=("remote work", "hybrid", "policy"),
        hooks=("the remote-first meeting rule", "meeting in person twice a year"),
    ),
    post(
        "ceo-board-prep",
        "tomasz.nowak",
        "Board meeting prep: timeline",
        """
        Helena, proposed timeline for the board meeting on the 14th:

        - Mon (two weeks before): department inputs due.
        - Thu: first draft of the pack to you and Martin.
        - Following Mon: pre-read to the board.
        - Closed session on Falcon: Victoria prepares a separate deck, not in the main pack.
        """,
        tags=("board", "planning"),
        days_ago=(60, 66),
        audience=("group:Office of the CEO",),
        hooks=("the closed session", "the pre-read deadline"),
        extra_comments=0,
        comments=(
            comment(
                "helena.marsh",
                "Looks right. Add 30 minutes for the hiring plan discussion; they'll ask.",
            ),
        ),
    ),
    # Project Falcon: confidential acquisition of Kestrel Labs.
    post(
        "falcon-data-room",
        "victoria.adams",
        "Falcon: the data room is open, and the ground rules",
        """
        Kestrel Labs has opened the virtual data room. Access is per person and watermarked;
        please don't download documents to your laptop.

        Ground rules while Falcon is live:

        1. Don't mention Kestrel by name in any channel outside this group. Use "Falcon".
        2. Nobody contacts Kestrel employees directly. All contact goes through me or Helena.
        3. Calendar invites: title them "Falcon sync", no description.
        4. If anyone outside this group asks, the answer is "I can't comment on rumours".

        We signed an NDA and an exclusivity period of 60 days. The clock started on Monday.
        """,
        tags=("Falcon", "M&A", "due diligence"),
        audience=_FALCON,
        hooks=("the 60-day exclusivity", "the calendar invite rule"),
        days_ago=(70, 100),
    ),
    article(
        "falcon-tech-dd",
        "rafael.duarte",
        "Falcon: technical due diligence findings",
        """
        Summary of two days with Kestrel's CTO and three engineers, plus the code escrow review.

        ## What they have

        - A streaming ingestion engine in Rust that handles about 40k events/s per node. Ours
          does 6k. This is the main reason we're interested.
        - 11 engineers, 4 of them on the ingestion engine.
        - Infrastructure on GCP, deployed with Pulumi.

        ## Risks

        | Area | Finding | Severity |
        |------|---------|----------|
        | Key people | 70 % of engine commits come from two people | high |
        | Security | No SOC 2; secrets in environment variables; no SSO on internal tools | medium |
        | Licences | One AGPL dependency in the admin UI (replaceable) | medium |
        | Cloud | GCP; we are on AWS. Engine is portable, the rest isn't | low |
        | Tests | Good coverage on the engine (81 %), poor elsewhere | low |

        ## Integration estimate

        Running the engine inside our platform: 2-3 quarters with their two key engineers, 4-5
        without them. Retention of those two is the single biggest factor in the deal's value.
        """,
        tags=("Falcon", "due diligence", "architecture"),
        audience=_FALCON,
        hooks=("the two key engineers", "the AGPL dependency", "the integration estimate"),
        days_ago=(55, 68),
    ),
    question(
        "falcon-earn-out",
        "martin.keller",
        "Falcon: how should we structure the earn-out?",
        """
        Kestrel's founders want 70 % cash at closing. We've modelled 50 % cash, 30 % shares,
        20 % earn-out over two years. The integration risk is mostly about the engine team
        staying. How do we tie the earn-out to that without creating perverse incentives?
        """,
        tags=("Falcon", "M&A", "earn-out"),
        audience=_FALCON,
        hooks=("the integration milestones", "the cash percentage at closing"),
        days_ago=(40, 54),
        answers=(
            answer(
                "victoria.adams",
                """
                Tie the earn-out to integration milestones that the founders control, not to
                revenue, which they won't control once they're inside Northwind. For example:
                the engine running in our production platform by month 12, and ingestion
                throughput targets by month 18.

                Retention of the two engineers should be separate: their own retention
                packages (Naomi is drafting), not part of the founders' earn-out. Mixing them
                gives the founders a reason to pressure people to stay, which never ends well.
                """,
                accepted=True,
            ),
            answer(
                "helena.marsh",
                """
                Agree. And we can move to 60 % cash if the milestones are clear; I'd rather pay
                a bit more upfront than argue about revenue attribution for two years.
                """,
            ),
        ),
    ),
    post(
        "falcon-retention",
        "naomi.fischer",
        "Falcon: retention packages for the key engineers",
        """
        Draft for the two engine engineers, for discussion on Thursday:

        - Northwind offer at Staff level, salary at the 75th percentile of our Berlin band.
        - Retention bonus of 40 % of annual salary, half at 12 months, half at 24.
        - Equity grant vesting over four years with no cliff (they lose their Kestrel cliff).
        - Both are remote in Poland; we can employ them through our EOR partner from day one.

        For the other nine: standard offers at their level, with recognised tenure.
        """,
        tags=("Falcon", "retention", "compensation"),
        audience=_FALCON,
        hooks=("the no-cliff vesting", "the recognised tenure"),
        days_ago=(35, 50),
    ),
    post(
        "falcon-roadmap-fit",
        "nadia.haddad",
        "Falcon: how Kestrel's engine fits our data roadmap",
        """
        From the data side, the engine would solve two problems on next year's roadmap:

        1. Near-real-time features for the churn model. Today the freshest features are an
           hour old; with streaming ingestion we'd have minutes.
        2. Customer-facing live dashboards, which three enterprise prospects asked for.

        Without the acquisition we'd build a simpler version on Kafka in about three quarters.
        So the deal buys us roughly a year, plus a team that has done it before.
        """,
        tags=("Falcon", "data roadmap", "streaming"),
        audience=_FALCON,
        hooks=("the year the deal buys us", "the live dashboards"),
        days_ago=(45, 60),
    ),
    # Reorg 2027: confidential organisation design.
    article(
        "reorg-draft-design",
        "naomi.fischer",
        "Reorg 2027: draft organisation design, version 2",
        """
        This version includes the feedback from the leadership offsite. **Nothing here is
        decided.** Please don't discuss it outside this group, including with your own
        management teams.

        ## Principles

        1. Teams own a customer outcome end to end, not a layer of the stack.
        2. No manager has more than 8 or fewer than 3 direct reports.
        3. Every change is explained by a problem it solves.

        ## Proposed changes

        | Today | Proposed | Why |
        |-------|----------|-----|
        | Support inside CS | *Customer Operations* (support, onboarding) | One owner |
        | Product, Engineering apart | Trios per area (PM, EM, design) | Faster decisions |
        | Data Science central | Embedded analysts, central ML platform | Closer to decisions |
        | Sales Ops in Sales | Revenue Operations across Sales, CS, Finance | One pipeline truth |

        ## Open questions

        - Who leads Customer Operations?
        - Does Falcon's team become its own area or join Platform Engineering?
        - Timing relative to the spring review cycle.
        """,
        tags=("reorg", "organisation design"),
        audience=_REORG,
        hooks=("the Customer Operations proposal", "the product trios", "Revenue Operations"),
        days_ago=(20, 40),
    ),
    question(
        "reorg-communication",
        "tomasz.nowak",
        "Reorg 2027: when and how do we tell people?",
        """
        If we decide in the next leadership meeting, when do we announce, and in which order?
        I want to avoid people hearing it through rumours, and avoid announcing during the
        review cycle.
        """,
        tags=("reorg", "communication"),
        audience=_REORG,
        hooks=("the order of conversations", "the review cycle timing"),
        days_ago=(12, 25),
        answers=(
            answer(
                "naomi.fischer",
                """
                Proposal: announce in the second week of January, after the holidays and well
                before the spring cycle. Order on the day:

                1. 09:00: individual conversations with everyone whose manager changes (about
                   14 people), by their current manager, with a written summary.
                2. 11:00: managers' briefing, with a FAQ.
                3. 14:00: all-hands by Helena, followed by department sessions.

                Everything on one day. A reorg announced over a week leaks on day one.
                """,
                accepted=True,
            ),
            answer(
                "helena.marsh",
                """
                Agreed on one day. I want to record a short video for the remote folks in
                Asia-Pacific, who'd otherwise hear it at 22:00 their time.
                """,
            ),
        ),
    ),
    post(
        "reorg-customer-operations",
        "george.papadopoulos",
        "Reorg 2027: Customer Operations, my view",
        """
        I support combining support and onboarding into Customer Operations. Today a new
        enterprise customer is handed from the AE to Omar for onboarding, to Linh as CSM, and to
        Valentina's team for tickets. Three hand-offs in the first 90 days.

        My concern: support team leads must not become second-class managers in a bigger org.
        Valentina should lead it; she has run the most measurable team in the company for two
        years.
        """,
        tags=("reorg", "customer operations"),
        audience=_REORG,
        hooks=("the three hand-offs", "the support team leads"),
        days_ago=(15, 30),
    ),
    post(
        "reorg-product-trios",
        "olivia.bennett",
        "Reorg 2027: product trios, what would change day to day",
        """
        For the trios proposal, concretely: each product area (Payments, Analytics, Platform
        experience, Enterprise) gets one PM, one EM and one designer who decide together what
        the team builds. I stay accountable for the overall roadmap; Rafael for engineering
        quality and delivery.

        What changes: roadmap themes are proposed by trios, not handed down. What doesn't:
        reporting lines of engineers and designers. This is how we work in Payments already,
        and it's the team with the fewest surprises.
        """,
        tags=("reorg", "product trios"),
        audience=_REORG,
        hooks=("the unchanged reporting lines", "the four product areas"),
        days_ago=(15, 30),
    ),
)
