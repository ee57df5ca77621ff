"""Sales: pipeline hygiene, pricing, negotiation, demos and prospecting."""

from __future__ import annotations

from kshare.server.demo_content.spec import answer, article, comment, post, question

TONE = "policy"  # the kind of comments colleagues leave (see chatter.py)

THREADS = (
    article(
        "sales-crm-hygiene",
        "amelia.clarke",
        "CRM hygiene: the five fields that make or break the forecast",
        """
        Every Monday the forecast call spends 20 minutes arguing about which deals are real.
        Most of that argument disappears when these five fields are filled in honestly.

        ## The five fields

        | Field | What it means | Common mistake |
        |-------|---------------|----------------|
        | Stage | Where the buyer is | *Proposal* when we sent a price nobody asked for |
        | Close date | When the buyer signs, per the buyer | Pushing it by a month, every month |
        | Amount | First-year contract value | Including services or list price before discount |
        | Next step | A dated action with the buyer | "Follow up" |
        | Champion | Who sells for us internally | A day-to-day contact who can't sign |

        ## Stage definitions (short version)

        1. **Discovery**: a meeting happened and there is a problem we can solve.
        2. **Evaluation**: the buyer agreed to a trial or proof of concept with success criteria.
        3. **Proposal**: the buyer asked for pricing.
        4. **Negotiation**: legal and procurement are involved.
        5. **Closed won / lost**: with a loss reason from the pick-list, never "other".

        ## What changes on the 1st

        Opportunities with a close date in the past are flagged red in the pipeline view, and
        the forecast only counts deals with a next step dated in the future. Nothing magic,
        just visible.
        """,
        tags=("CRM", "Salesforce", "forecasting", "sales operations"),
        hooks=("the champion field", "close dates in the past", "the loss reason pick-list"),
    ),
    question(
        "sales-lead-to-opportunity",
        "diego.santos",
        "When exactly should I convert a lead into an opportunity?",
        """
        I had a good first call with a retail company today: they have the problem, the person
        is a team lead, budget unclear. Is that an opportunity already, or do I keep it as a
        lead until the AE's discovery call?
        """,
        tags=("crm", "prospecting", "pipeline"),
        hooks=("the discovery call hand-off", "the qualification notes"),
        answers=(
            answer(
                "amelia.clarke",
                """
                Keep it as a lead until the discovery call with the AE has happened and the AE
                accepts it. That is the moment it becomes an opportunity in *Discovery*, and
                the moment your meeting counts towards your target. Converting earlier makes
                our conversion rates look better than they are and clutters the forecast.

                Put what you learned in the lead's qualification notes: problem, who else is
                involved, and the budget question you could not answer. The AE will thank you.
                """,
                accepted=True,
            ),
            answer(
                "carlos.mendes",
                """
                Agree with Amelia. And nice work getting a team lead on the first call. Ask in
                the discovery call who their manager reports to; that's who signs in retail.
                """,
            ),
        ),
    ),
    post(
        "sales-quarter-results",
        "carlos.mendes",
        "Quarter closed at 112 % of target, and what we learned from the two we lost",
        """
        Thank you, everyone. We closed the quarter at 112 % of the new-business target, with
        Katarzyna's bank deal and Emma's logistics renewal-plus-expansion as the two biggest.

        The two big losses taught us more than the wins:

        - **The insurer** chose a competitor because their security review took 9 weeks with
          us. We started the questionnaire too late. From now on, offer the SOC 2 report in the
          first meeting with any regulated buyer.
        - **The retailer** had no champion above team-lead level. We were talking to a fan,
          not a buyer.

        Both lessons are now in the deal review checklist. Drinks on Thursday in London and
        Lisbon; Berlin, Katarzyna is organising something.
        """,
        tags=("sales", "results", "win/loss"),
        days_ago=(180, 240),
        audience=("group:Sales",),
        hooks=("starting the security review early", "talking to a fan instead of a buyer"),
    ),
    question(
        "sales-works-council",
        "katarzyna.wrobel",
        "A German customer needs a works council review before rollout. How do we handle it?",
        """
        The Hamburg manufacturing customer signed, but their Betriebsrat must approve the
        rollout because our product logs who viewed which dashboard. They asked for a
        description of what we record about employees. Who helps with this?
        """,
        tags=("DACH", "works council", "privacy", "GDPR"),
        hooks=("the works council pack", "the audit log retention setting"),
        answers=(
            answer(
                "paolo.bianchi",
                """
                I can help, this comes up with most German customers above 500 employees. We
                have a *works council pack* in German and English: what personal data the
                product processes about the customer's employees, for what purpose, who can see
                it, and how long it is kept. It is in the Legal space under *Customer privacy
                documents*.

                The question they care about is performance monitoring. Point out that the
                view log is only visible to workspace admins and can be set to 30-day
                retention. If they want a call, I am happy to join; it usually takes one
                meeting.
                """,
                accepted=True,
            ),
            answer(
                "omar.farouk",
                """
                I did the rollout for the Munich customer last year. Their works council asked
                for the audit log retention setting to be part of the rollout plan in writing.
                I can share that plan as a template.
                """,
            ),
        ),
        comments=(
            comment(
                "katarzyna.wrobel",
                "Vielen Dank, both of you. Paolo, I'll send you an invite for next week.",
                on=0,
            ),
        ),
    ),
    article(
        "sales-procurement-guide",
        "emma.wilson",
        "Negotiating with procurement: a field guide",
        """
        After about 40 enterprise deals, these are the patterns I see when procurement joins
        the conversation. Procurement is not the enemy; their job is to show savings, so give
        them something to show.

        ## Before they join

        - Agree the value with your champion *before* procurement is involved. Once the price
          is the only topic, you have lost the value conversation.
        - Know your walk-away. Check the deal desk guidelines for what you can give without
          approval.

        ## Trade, never give

        Every concession should get something in return:

        | We give | We ask for |
        |---------|------------|
        | 5 % discount | 3-year term |
        | Payment terms of 60 days | Signature this quarter |
        | Extra sandbox workspace | Case study or reference call |
        | Price lock on renewal | Annual upfront payment |

        ## Things that reliably backfire

        1. Discounting before being asked.
        2. "This price is only valid until Friday", unless it really is.
        3. Going around procurement to the business owner after procurement has said no.

        ## When it stalls

        Ask procurement what they need to present internally. Often it's one number, such as
        savings against list price, and you can give them that without changing the deal.
        """,
        tags=("negotiation", "enterprise sales", "procurement"),
        hooks=(
            "trading instead of giving",
            "the walk-away number",
            "the savings against list price",
        ),
    ),
    post(
        "sales-demo-reset",
        "julien.martin",
        "The demo environment resets every night at 02:00 UTC",
        """
        Reminder, after two sad messages this week: `demo.northwind.app` is rebuilt from the
        golden dataset every night. Custom dashboards you build there disappear.

        If you want to keep a demo setup, export it (*Workspace settings → Export
        configuration*) and import it before your call; it takes a minute. I keep a folder of
        ready-made exports per industry (logistics, insurance, retail, SaaS) in the Sales drive.
        """,
        tags=("demo", "sales engineering"),
        tone="howto",
        hooks=("the golden dataset", "the industry exports"),
    ),
    question(
        "sales-three-year-lock",
        "emma.wilson",
        "Can I offer a three-year deal with a price lock to Meridian Logistics?",
        """
        They'd sign for three years, paid annually, if we lock the per-workspace price for the
        full term. The deal is about 240k ARR. Is a three-year price lock something we do?
        """,
        tags=("pricing", "deal desk", "contracts"),
        days_ago=(150, 180),
        audience=("group:Deal desk",),
        hooks=("the CPI uplift clause", "the three-year term"),
        answers=(
            answer(
                "rebecca.hughes",
                """
                Yes, with two conditions Finance needs: an annual uplift tied to inflation
                (CPI, capped at 5 %) instead of a flat lock, and payment annually in advance.
                A true flat lock for three years costs us about 8 % in real terms at current
                inflation, which the discount already covers once. The CPI clause is standard
                and most procurement teams accept it.
                """,
                accepted=True,
            ),
            answer(
                "amelia.clarke",
                """
                Add the approval to the opportunity in Salesforce (*Deal desk → Non-standard
                terms*) so the order form gets generated with the right clause.
                """,
            ),
        ),
    ),
    post(
        "sales-cold-email-test",
        "diego.santos",
        "Cold email test: shorter subject lines doubled our reply rate",
        """
        Over four weeks I split my outbound sequence: half with our usual subject lines ("How
        Northwind helps logistics teams cut reporting time"), half with three-word subjects
        ("reporting at Kuehne?" style, personalised).

        - Open rate: 41 % vs 58 %
        - Reply rate: 2.1 % vs 4.4 %
        - Meetings booked: 3 vs 7

        Small numbers (about 600 emails per arm), so treat it as a hint, not proof. Arjun
        said the reply-rate difference is probably real; the meetings difference might not be.
        The templates are in the shared sequences folder.
        """,
        tags=("cold email", "outbound", "prospecting"),
        hooks=("the three-word subject lines", "the 600 emails per arm"),
    ),
    question(
        "sales-german-contracts",
        "katarzyna.wrobel",
        "Do we have German versions of the MSA and the DPA?",
        """
        Two prospects in Austria asked for contracts in German. Do we have official
        translations, and which version wins if they differ?
        """,
        tags=("contracts", "DACH", "MSA", "DPA"),
        hooks=("the English-prevails clause", "the certified translation"),
        answers=(
            answer(
                "amina.yusuf",
                """
                We have convenience translations of both in German, French and Spanish in the
                Legal space. They contain a clause that the English version prevails if the
                two differ, and every customer so far has accepted that.

                If a customer insists that German governs, that's a legal review item. Open a
                request in the legal intake form; we would then need a certified translation,
                which takes about two weeks.
                """,
                accepted=True,
            ),
        ),
    ),
    post(
        "sales-commission-faq",
        "amelia.clarke",
        "Commission plan FAQ for the new fiscal year",
        """
        The plan documents are signed, thank you. Answers to the questions that came up most:

        - **Multi-year deals:** commission on the first-year value only, plus a 10 % kicker
          for prepaid second years.
        - **Clawback:** applies if the customer doesn't pay within 120 days, not if they churn
          later.
        - **Split deals:** 50/50 unless agreed otherwise in writing before the close date.
        - **Accelerators** start at 100 % of quota, paid quarterly.

        Statements arrive in the commission tool on the 10th of each month.
        """,
        tags=("commission", "sales operations"),
        audience=("group:Sales",),
        hooks=("the clawback rule", "the split deals rule", "the accelerators"),
    ),
    post(
        "sales-meridian-prep",
        "carlos.mendes",
        "Prep for the Meridian Logistics negotiation",
        """
        Emma, for Thursday: their CFO joins for the first time. She cares about two things,
        predictable cost and not being locked in. Lead with the CPI-capped three-year option
        and the exit clause at month 18 that Amina drafted. Don't bring up the dashboard
        builder; it isn't in their evaluation and it opens a pricing discussion we don't need.
        I'll join for the first 20 minutes and then leave it with you.
        """,
        tags=("negotiation", "deal strategy"),
        days_ago=(120, 149),
        audience=("person:emma.wilson",),
        hooks=("the exit clause at month 18",),
        extra_comments=0,
        comments=(
            comment(
                "emma.wilson",
                """
                Got it. I'll send you the agenda tonight. Their procurement lead asked for
                a reference call too, I'm thinking of the Rotterdam customer.
                """,
            ),
        ),
    ),
    post(
        "sales-outbound-ideas",
        "diego.santos",
        "Outbound ideas to try next month",
        """
        - Sequence for finance teams triggered by job posts for "FP&A analyst".
        - Ask Linh for two customers in logistics who'd do a reference call.
        - Test LinkedIn voice notes? Emma says no, Carlos says maybe.
        - Fewer steps: 5 touches instead of 8.
        """,
        tags=("outbound",),
        audience=("private",),
    ),
)

# Asked in the last days and not settled yet: the app suggests people who might know.
OPEN_QUESTIONS = (
    question(
        "sales-quarterly-invoicing-renewal",
        "linh.nguyen",
        "Renewal customer wants quarterly instead of annual invoicing. Who changes that?",
        """
        Harbour Freight renews on 1 January (84,000 EUR a year) and their new CFO will only
        sign if we invoice quarterly in advance instead of annually. The price stays the same.

        Can sales ops change the billing schedule on the renewal opportunity in Salesforce,
        or does it need a new order form? And does quarterly billing change how the renewal
        counts for commission?
        """,
        tags=("renewals", "CRM", "commission"),
        days_ago=(7, 12),
        answers=(
            answer(
                "emma.wilson",
                """
                I had the same with a logistics customer two years ago. We put "billed
                quarterly in advance" into the order form notes and finance handled the rest.
                I think commission was not affected, but it was under the old plan.
                """,
            ),
            answer(
                "george.papadopoulos",
                """
                From the renewal side this is fine for us, and I would rather say yes than
                risk the signature. Please keep the payment terms at 30 days, though.
                """,
            ),
        ),
        comments=(
            comment(
                "linh.nguyen",
                """
                Thanks both. Emma, do you remember if the notes field was enough for the
                invoicing, or did someone have to change the schedule in Salesforce by hand?
                """,
                on=0,
            ),
        ),
    ),
)
