"""Finance: budgets, expenses, procurement, cloud costs and month-end."""

from __future__ import annotations

from kshare.server.demo_content.spec import answer, article, comment, post, question

TONE = "policy"  # the kind of comments colleagues leave (see chatter.py)

THREADS = (
    article(
        "fin-budget-process",
        "rebecca.hughes",
        "Budget season: how the annual budget process works, step by step",
        """
        Budget season starts in September. If you own a cost centre, this is what will happen
        and what I will need from you. If you don't, you can stop reading here and enjoy the
        quieter autumn.

        ## Timeline

        | When | What | Who |
        |------|------|-----|
        | Week 1 | Top-down targets from the leadership team | Martin, Helena |
        | Weeks 2-3 | Cost-centre owners draft headcount and non-headcount plans | You |
        | Week 4 | Review meetings, 45 minutes per department | You, me, your VP |
        | Week 6 | Consolidated plan to the board | Martin |
        | Week 8 | Final budgets loaded into the planning tool | FP&A |

        ## What goes into your draft

        1. **Headcount**: every open and planned role with a start month. A role starting in
           October costs three months, not twelve, in the first year.
        2. **Software**: existing contracts are pre-filled from procurement; add new tools.
        3. **Travel and events**: a number per quarter. We use last year's actuals as a
           starting point, plus or minus what you know.
        4. **Contractors**: with an end date.

        ## What makes review meetings short

        - Tie every new line to a goal in the company plan.
        - Show what you would cut first if the total must come down by 10 %.
        - Round numbers. Nobody needs to see 3,482.17 EUR for a conference.
        """,
        tags=("budgeting", "FP&A", "planning"),
        hooks=("the 10 % cut question", "start months for new roles", "the week-4 review meetings"),
    ),
    question(
        "fin-home-office-chair",
        "kwame.mensah",
        "Is there a policy for expensing home-office chairs?",
        """
        I've been fully remote for a year and my kitchen chair is not going to last another
        one. Can I buy a proper office chair and expense it? Is there a limit, and does it
        matter that I'm in Ghana?
        """,
        tags=("expenses", "remote work", "home office"),
        hooks=("the home-office allowance", "the receipt in the expense tool"),
        answers=(
            answer(
                "thabo.nkosi",
                """
                Yes. Remote employees have a one-off home-office allowance of 800 EUR (or the
                local equivalent), and then 250 EUR a year for replacements. An office chair is
                exactly what it's for. It works the same in every country we employ people in;
                for Ghana it is paid out through the payroll partner with your next salary.

                Submit the receipt in the expense tool under the category *Home office*. If the
                chair costs more than the allowance, the difference is on you, unless
                occupational health recommends a specific chair, in which case talk to @mia.novak.
                """,
                accepted=True,
            ),
            answer(
                "mia.novak",
                """
                To add: the allowance also covers a desk, monitor arm and lighting. And if you
                have back trouble, the ergonomic assessment (free, via video) can recommend
                equipment above the limit.
                """,
            ),
        ),
    ),
    article(
        "fin-expense-policy",
        "thabo.nkosi",
        "The expense policy in plain language",
        """
        The official policy is nine pages. This is what it says, in one.

        ## The principle

        Spend company money as if it were your own, for things you need to do your job, and
        keep the receipt.

        ## Limits that people ask about most

        | Category | Limit | Notes |
        |----------|-------|-------|
        | Hotel | 180 EUR/night (London, Toronto 220) | Booked through the travel tool |
        | Meals while travelling | 60 EUR/day | Alcohol is not reimbursed |
        | Client dinner | 90 EUR per person | Names of guests on the claim |
        | Books and courses | From your learning budget | Approved by your manager |
        | Taxis | When public transport is unreasonable | Late nights, heavy luggage |

        ## How to claim

        1. Photograph the receipt the same day; the expense app reads it.
        2. Pick the category and the cost centre (your department's is the default).
        3. Submit within 30 days. After 90 days we can't reimburse it for tax reasons.

        ## What happens next

        Your manager approves, we check, and the money arrives with the next payment run
        (every Tuesday and Friday). If a claim is rejected you get a comment explaining why,
        never a silent rejection.
        """,
        tags=("Expense policy", "expenses", "travel"),
        hooks=(
            "the 90-day limit",
            "the client dinner limit",
            "the Tuesday and Friday payment runs",
        ),
    ),
    question(
        "fin-foreign-currency-claim",
        "yuki.tanaka",
        "I paid a conference ticket in yen on my personal card. How is it reimbursed?",
        """
        The PyCon JP ticket was 38,000 JPY, paid with my Japanese credit card. I'm paid in EUR.
        Which exchange rate do you use, and do I need the card statement?
        """,
        tags=("expenses", "currency"),
        hooks=("the card statement rate", "the bank fee line"),
        answers=(
            answer(
                "thabo.nkosi",
                """
                Submit the claim in JPY with the receipt, and attach the card statement line.
                We reimburse the amount your card actually charged you, converted at the rate
                on the statement, so you are not out of pocket because of exchange rates. If
                your card charged a foreign transaction fee, add it as a separate line with the
                category *Bank fees*.
                """,
                accepted=True,
            ),
        ),
    ),
    post(
        "fin-buying-software",
        "elif.yilmaz",
        "Buying software? Talk to procurement before the free trial ends",
        """
        We now spend about 1.1 million EUR a year on SaaS across 140 tools, and about 20 of those
        do the same thing as another one we already pay for. Before you put a new tool on a
        credit card:

        1. Check the *Software catalogue*; we might already have it, or something close.
        2. If not, open a request. I'll check security (Fatima's SSO checklist), privacy (a DPA
           with Paolo) and price. Most requests take under a week.
        3. Never accept the vendor's click-through terms for a paid plan yourself.

        In return, I negotiate. Last quarter that saved 68,000 EUR, mostly by moving monthly
        plans to annual and consolidating three survey tools into one.
        """,
        tags=("procurement", "SaaS spend", "software"),
        hooks=("the software catalogue", "the three survey tools", "click-through terms"),
    ),
    question(
        "fin-aws-cost-jump",
        "rebecca.hughes",
        "The AWS bill jumped 18 % last month. What happened?",
        """
        AWS came in at 96,400 USD versus 81,700 the month before, with no matching change in
        customers. Before I flag it in the monthly report: is this expected, and is anyone
        looking at cloud costs on the engineering side?
        """,
        tags=("AWS", "cloud costs", "FinOps"),
        tone="howto",
        hooks=("the NAT gateway charges", "the debug logging", "the weekly cost report"),
        answers=(
            answer(
                "kwame.mensah",
                """
                Yes, I've been looking at it. Two causes, both fixed:

                1. About 9,000 USD of NAT gateway data processing. The new export workers
                   downloaded customer files from S3 through the NAT instead of the VPC
                   endpoint. Fixed last Tuesday with an S3 gateway endpoint.
                2. About 4,500 USD of CloudWatch Logs, because debug logging was left on in
                   the search indexer after an incident.

                Expect the next bill back around 83,000. We now have a weekly cost report per
                team in `#cloud-costs`, and an anomaly alert at +10 % day over day.
                """,
                accepted=True,
            ),
            answer(
                "oskar.lindqvist",
                """
                The VPC endpoint is now part of the network module in Terraform, so new
                environments get it automatically. It should not happen again this way.
                """,
            ),
        ),
    ),
    post(
        "fin-runway-update",
        "martin.keller",
        "Runway and hiring plan after the board meeting",
        """
        For people managers, ahead of the company update next week:

        - The board approved the plan: **14 new roles** next year, weighted to Engineering and
          Customer Success.
        - Runway is 31 months at the approved plan, without new funding.
        - Roles are released per quarter. Q1 roles can open now; the rest depend on
          new-business bookings staying within 10 % of plan.
        - Backfills for leavers are automatic; you don't need to ask.

        Please don't share the runway figure outside this group yet. Helena will cover it in
        the all-hands.
        """,
        tags=("runway", "hiring plan", "board"),
        days_ago=(30, 45),
        audience=("group:Managers circle",),
        hooks=("the quarterly release of roles", "automatic backfills"),
    ),
    question(
        "fin-move-budget-contractor",
        "marco.rossi",
        "Can I move budget from contractors to a permanent hire in my cost centre?",
        """
        We budgeted 120k for a contracting agency for the desktop app, but we'd rather hire
        one permanent engineer. Same money, roughly. Is that my call, or does it need approval?
        """,
        tags=("budgeting", "headcount planning"),
        hooks=("the fully loaded cost", "the headcount approval"),
        answers=(
            answer(
                "rebecca.hughes",
                """
                It needs approval, but it's usually a yes. Headcount is approved separately
                from money because a permanent role continues next year. Send me the role
                and the start month and I'll model the fully loaded cost: salary plus about
                24 % for social charges and benefits in Germany, plus equipment. If it fits in
                the 120k for this year and Rafael agrees, I'll take it to Martin in our weekly.
                """,
                accepted=True,
            ),
        ),
    ),
    post(
        "fin-month-end-close",
        "thabo.nkosi",
        "Month-end close: expenses by the third working day, please",
        """
        We close the books on the fifth working day of each month. To get your costs into the
        right month, please submit expenses and approve invoices in the AP tool by the
        **third working day**. Anything later lands in the next month, which makes department
        reports look odd (a conference in one month, the hotel in the next).

        Approvers: there are 37 invoices waiting for approval right now, the oldest from six
        weeks ago. You know who you are. Thank you!
        """,
        tags=("month-end close", "accounts payable", "expenses"),
        hooks=("the third working day", "the 37 waiting invoices"),
    ),
    question(
        "fin-po-approval",
        "chloe.dubois",
        "Who approves a purchase order above 10,000 EUR?",
        """
        We want a year of GPU capacity from a specialised cloud provider for model training,
        about 26,000 EUR. Nadia approved it in the budget. Is her approval enough for the PO?
        """,
        tags=("procurement", "purchase orders", "approvals"),
        days_ago=(200, 260),
        hooks=("the approval matrix", "the security review for the provider"),
        answers=(
            answer(
                "elif.yilmaz",
                """
                Not on its own. The approval matrix: up to 10k the budget owner, 10-50k the
                budget owner plus the CFO, above 50k also the CEO. So Nadia and Martin. Raise
                the request in the procurement tool; it routes automatically.

                Because the provider will process customer data for training, it also needs a
                vendor security review and a DPA. Start those now; they take longer than the
                approvals.
                """,
                accepted=True,
            ),
            answer(
                "grace.liu",
                """
                For the security review, send me their SOC 2 or ISO certificate if they have
                one. With a recent report it's a two-day review instead of a questionnaire.
                """,
            ),
        ),
    ),
    post(
        "fin-board-pack-outline",
        "martin.keller",
        "Board pack outline for the next meeting",
        """
        1. Bookings vs plan, with the two big losses explained.
        2. Gross margin: cloud costs per customer trending down, show the AWS fix.
        3. Hiring plan and runway scenarios (base, slow bookings, fundraise).
        4. Ask Victoria whether Falcon goes in the main pack or a separate closed session.
        """,
        tags=("board",),
        days_ago=(55, 59),
        audience=("private",),
    ),
    post(
        "fin-headcount-numbers",
        "rebecca.hughes",
        "Your headcount numbers for next year's budget",
        """
        Marco, Lúcia: I've pre-filled your tabs in the budget workbook with current
        headcount, open roles and the contractor costs from this year. Please check the start
        months of the planned roles (I assumed April for all of them, which is probably wrong)
        and add anything missing by Friday. Happy to go through it on a call.
        """,
        tags=("budgeting", "headcount planning"),
        audience=("person:marco.rossi", "person:lucia.ferreira"),
        hooks=("the pre-filled tabs", "the April start month assumption"),
        extra_comments=0,
        comments=(
            comment(
                "lucia.ferreira",
                """
                Thanks Rebecca. Payments: the second backend role starts in June at the
                earliest, updated in the sheet.
                """,
            ),
            comment(
                "marco.rossi",
                """
                Done for Web & Desktop. I added the contractor-to-permanent switch we discussed
                as a separate line.
                """,
            ),
        ),
    ),
)

# Asked in the last days and not settled yet: the app suggests people who might know.
OPEN_QUESTIONS = (
    question(
        "fin-research-incentives",
        "ben.carter",
        "How do I pay 50 EUR thank-you vouchers to interview participants in five countries?",
        """
        For the onboarding study I am interviewing 24 users from customer accounts in Germany,
        the UK, Canada, Portugal and Poland, and I would like to give each a 50 EUR (or local
        equivalent) voucher for their hour. Last year I bought Amazon vouchers on my own card
        and the expense claim bounced because there was no invoice with VAT.

        What is the right way this time: an expense claim, a purchase order with a voucher
        provider, or something else? Do I need participants' addresses for the books?
        """,
        tags=("expenses", "user research", "VAT"),
        days_ago=(4, 8),
    ),
)
