"""People & Culture: onboarding, leave, hiring, learning, reviews and pay."""

from __future__ import annotations

from kshare.server.demo_content.spec import answer, article, comment, post, question

TONE = "policy"  # the kind of comments colleagues leave (see chatter.py)

THREADS = (
    article(
        "hr-first-week",
        "mia.novak",
        "Your first week at Northwind: what happens when",
        """
        Welcome! This page is for new joiners and for the managers and buddies who look after
        them. Bookmark it; you'll come back to it on Wednesday.

        ## Before day one

        - Your laptop arrives at home at least three working days before you start. Don't
          set it up yet; on day one IT does it with you on a call, so SSO and disk encryption
          are right from the start.
        - You get an email from your buddy introducing themselves.

        ## The week

        | Day | Morning | Afternoon |
        |-----|---------|-----------|
        | Monday | Laptop setup with IT, hardware key | Welcome call with People & Culture |
        | Tuesday | 1:1 with your manager: 30-60-90 day plan | Security training (45 min) |
        | Wednesday | Product tour with a Solutions Engineer | Shadow a customer call |
        | Thursday | Team rituals: stand-up, planning | Coffee with three people outside your team |
        | Friday | Company all-hands (every second Friday) | Free time to read and explore |

        ## Checklist for managers

        1. Write the 30-60-90 day plan before the person starts.
        2. Pick a buddy from another team. Buddies get a 50 EUR lunch budget for the first month.
        3. Book the coffee chats; new joiners rarely do it themselves.

        ## Things new joiners ask most

        - **Payroll** runs on the 25th; if you start after the 15th, your first salary comes
          with the following month's.
        - **Benefits** enrolment opens in the HRIS on your first day and closes after 30 days.
        - **Equipment**: anything else you need, order it from the IT shop.
        """,
        tags=("onboarding", "new joiners", "HR"),
        hooks=("the 30-60-90 day plan", "the buddy lunch budget", "the coffee chats"),
    ),
    question(
        "hr-parental-leave-countries",
        "lucia.ferreira",
        "How does parental leave work when you're employed in Portugal rather than Germany?",
        """
        We're expecting our second child in the spring (yay!). I'm employed through the
        Portuguese entity. Does the new 20-week policy apply to me, and how does it combine
        with the statutory leave in Portugal?
        """,
        tags=("parental leave", "benefits", "Portugal"),
        days_ago=(150, 290),
        hooks=("the top-up to full salary", "the statutory leave"),
        answers=(
            answer(
                "rohan.kapoor",
                """
                Congratulations! Yes, the policy applies in every country. It works as a top-up:
                you take the statutory leave in Portugal (paid by social security, the *licença
                parental*), and Northwind tops up your pay to 100 % of your salary for 20 weeks
                in total. If the statutory leave is longer than 20 weeks, you still get all of
                it; the top-up covers the first 20.

                Let me know your expected date and I'll prepare a written plan with the exact
                weeks and amounts, including the phased return option (four days a week for
                the first month back at full pay).
                """,
                accepted=True,
            ),
            answer(
                "thabo.nkosi",
                """
                On the payroll side: the top-up is paid by us each month as normal salary and
                we reclaim the social security part, so you don't have a gap in income.
                """,
            ),
        ),
    ),
    post(
        "hr-parental-leave-policy",
        "rohan.kapoor",
        "New parental leave policy: 20 weeks at full pay for every parent",
        """
        From 1 January, every parent at Northwind (birth, adoption or surrogacy, any gender)
        gets **20 weeks at full pay**, to be taken within 18 months of the child's arrival.
        This replaces the old policy, which was 16 weeks for birth mothers and 4 weeks for
        everyone else.

        Also new:

        - **Phased return:** four days a week at full pay for the first month back.
        - **Pregnancy loss:** two weeks of paid leave, no questions asked.
        - **Keeping in touch days:** up to 10, optional, paid on top.

        The full policy, with examples per country, is in the People handbook. If you are
        currently on leave, the new policy applies to you from January.
        """,
        tags=("parental leave", "benefits", "policy"),
        days_ago=(300, 400),
        hooks=("the phased return", "the keeping in touch days", "the 18-month window"),
    ),
    question(
        "hr-referral-bonus",
        "daniel.kim",
        "How does the referral bonus work, and when is it paid?",
        """
        A former colleague of mine in Toronto is a great fit for the senior backend role. What
        do I need to do, and is there still a referral bonus?
        """,
        tags=("referrals", "hiring"),
        hooks=("the referral form", "the six-month payout"),
        answers=(
            answer(
                "isabel.costa",
                """
                Yes! 3,000 EUR (or local equivalent) for engineering roles, 2,000 for all
                others. Half is paid when your referral starts, half after six months.

                Submit them through the *Refer someone* form in the hiring tool rather than
                forwarding a CV by email, so the referral is recorded and they get a recruiter
                call within two working days. Tell them to expect it. And please add a line on
                how you know them; it helps more than you'd think.
                """,
                accepted=True,
            ),
        ),
        comments=(
            comment(
                "daniel.kim",
                "Submitted. She's excited, thanks Isabel!",
                on=0,
            ),
        ),
    ),
    article(
        "hr-interview-loops",
        "isabel.costa",
        "How our interview loops work, and how to be a good interviewer",
        """
        Every hire at Northwind goes through a structured loop. Structure is what makes
        interviews fair: every candidate for a role gets the same questions and is scored
        against the same criteria.

        ## The loop for most roles

        1. **Recruiter call** (30 min): motivation, logistics, salary expectations.
        2. **Hiring manager** (45 min): the role, past work.
        3. **Skills interview** (60-90 min): a realistic exercise. No brain teasers.
        4. **Values interview** (45 min) with someone from another department.
        5. **Debrief**: interviewers submit written feedback *before* the debrief, so the
           first opinion voiced doesn't shape the others.

        ## Being a good interviewer

        - Read the scorecard before the interview, not during.
        - Leave 10 minutes for the candidate's questions. They're interviewing us too.
        - Write down evidence ("described rolling back a failed migration step by step"), not
          impressions ("seemed senior").
        - Never ask about family plans, age, religion or health. If a candidate brings it up,
          move on politely.

        ## Interviewer training

        Jakob runs a 90-minute training every month. You need it before joining a loop, and
        shadowing two interviews after that.
        """,
        tags=("interviewing", "hiring", "recruiting"),
        hooks=(
            "writing feedback before the debrief",
            "evidence instead of impressions",
            "the values interview",
        ),
    ),
    post(
        "hr-learning-budget",
        "jakob.berg",
        "Learning budget: what people spent it on last year",
        """
        Everyone has 1,500 EUR a year for learning, plus three learning days. Last year 71 % of
        you used at least part of it. What you spent it on:

        - **Conferences** (38 %): PyCon DE, KubeCon, SaaStr, Config.
        - **Courses and certifications** (31 %): AWS, CISSP prep, a negotiation course.
        - **Books** (12 %): the book club's choices did well.
        - **Coaching** (11 %), **language classes** (8 %).

        29 % of you used none of it. Please do; it doesn't roll over. Talk to your manager or
        to me if you're not sure what would help.
        """,
        tags=("learning & development", "learning budget"),
        hooks=("the three learning days", "the 29 % who used none of it"),
    ),
    question(
        "hr-conference-extra-day",
        "elena.popescu",
        "Can I stay an extra day after a conference abroad, at my own cost?",
        """
        I'm going to a testing conference in Amsterdam on my learning budget. It ends on a
        Friday and I'd love to stay for the weekend. Is that allowed, and how do I book it?
        """,
        tags=("learning budget", "travel", "expenses"),
        hooks=("the extra nights at your own cost", "the flight price difference"),
        answers=(
            answer(
                "jakob.berg",
                """
                Yes, as long as the extra days don't make the trip more expensive for the
                company. Book the conference nights through the travel tool and the weekend
                nights yourself. If the Sunday flight is pricier than the Friday one, you pay
                the difference; if it's cheaper, lucky you. Enjoy Amsterdam!
                """,
                accepted=True,
            ),
            answer(
                "thabo.nkosi",
                """
                For the expense claim: attach a screenshot of the Friday flight price from the
                day you booked, so we can see the comparison. Saves a back-and-forth.
                """,
            ),
        ),
    ),
    post(
        "hr-review-cycle",
        "naomi.fischer",
        "Spring performance reviews: dates and what's new",
        """
        The spring cycle runs from the 3rd to the 28th of next month.

        **What's new:**

        - Self-reviews are shorter: three questions instead of seven.
        - Peer feedback is optional for individual contributors below senior level.
        - Ratings are calibrated per department and then across the company, using the new
          career ladders in Engineering and Sales.

        **Dates:**

        | Step | By |
        |------|----|
        | Self-review | the 10th |
        | Peer feedback | the 14th |
        | Manager review | the 20th |
        | Calibration | the 24th |
        | Conversations | the 28th |

        Salary changes take effect on 1 July and are communicated in the review conversation.
        """,
        tags=("performance reviews", "HR"),
        hooks=("the three-question self-review", "cross-company calibration"),
    ),
    question(
        "hr-salary-review-off-cycle",
        "aisha.bello",
        "How do I ask for a salary review outside the review cycle?",
        """
        I took on the accessibility work on top of my role and I think my pay no longer
        matches what I do. The next cycle is eight months away. Is there a way to raise this
        now, and who do I talk to?
        """,
        tags=("compensation", "career"),
        hooks=("the off-cycle adjustment", "the pay band check"),
        answers=(
            answer(
                "naomi.fischer",
                """
                Yes. Start with your manager; it's a completely normal conversation to have.
                Bring concrete examples of the scope you've taken on. Your manager can request
                an off-cycle adjustment through me. We review those monthly, check them against
                the pay bands for your level and location, and most reviews take under four
                weeks.

                If what you're doing is really the next level, the better route may be a
                promotion case, which Marco can also start outside the cycle.
                """,
                accepted=True,
            ),
            answer(
                "rohan.kapoor",
                """
                And if you'd like to prepare for that conversation, I'm happy to talk it
                through with you first, in confidence.
                """,
            ),
        ),
    ),
    post(
        "hr-difficult-conversations",
        "rohan.kapoor",
        "A simple structure for difficult conversations",
        """
        Several of you asked after the managers' session for the structure we practised:

        1. **Say why you are meeting** in the first sentence. No small talk sandwich.
        2. **Describe what you observed**, specifically and recently: "In the last three
           planning meetings you arrived 15 minutes late."
        3. **Say the impact**: "We restart the discussion and the team loses the first half."
        4. **Ask, then listen.** "What's going on?" There is often context you don't know.
        5. **Agree the next step** and write it down in a short follow-up message.

        If it touches health, family or anything that could be a legal matter, talk to me
        before the conversation, not after.
        """,
        tags=("management", "feedback", "employee relations"),
        audience=("group:Managers circle",),
        hooks=("the first sentence", "asking before concluding", "the follow-up message"),
    ),
    post(
        "hr-mentoring-signups",
        "jakob.berg",
        "Mentoring programme: sign-ups for the next round are open",
        """
        The third round of the mentoring programme starts next month. Six months, one hour
        every two weeks, with a mentor from another department.

        Last round's pairs included a support engineer and the VP Engineering, and a sales
        development rep and our General Counsel. Both said it changed how they see the
        company. Sign up as a mentee, a mentor, or both, on the *Mentoring* page by the 20th.
        """,
        tags=("mentoring", "learning & development"),
        hooks=("the cross-department pairs", "the sign-up deadline"),
    ),
    question(
        "hr-childcare-berlin",
        "ingrid.halvorsen",
        "Childcare near the Berlin office for a few days a month?",
        """
        I'm remote in Norway but come to Berlin for a week each month, sometimes with my
        three-year-old. Does anyone know a drop-in Kita or childcare near the office?
        """,
        tags=("childcare", "Berlin", "parents"),
        audience=("group:Parents network",),
        hooks=("the drop-in Kita", "the childcare subsidy"),
        answers=(
            answer(
                "marco.rossi",
                """
                The *Kinderinsel* near Mitte offers hourly childcare, also in English, about
                a 12-minute walk from the office. Book a few days ahead, it fills up. Our
                daughter went there on strike days and loved it.
                """,
                accepted=True,
            ),
            answer(
                "rohan.kapoor",
                """
                And the childcare subsidy (up to 150 EUR a month) covers occasional
                childcare while you're on a work trip too. Claim it as a benefit, not as an
                expense.
                """,
            ),
        ),
    ),
    post(
        "hr-pay-band-notes",
        "naomi.fischer",
        "Notes: pay band review",
        """
        - Lisbon bands for senior engineers are 8-10 % below market since the last survey.
        - Toronto sales bands fine; London support bands low.
        - Model the cost of moving Lisbon to the 50th percentile before the budget meeting.
        - Question for Martin: phase over two cycles?
        """,
        tags=("compensation",),
        audience=("private",),
    ),
)

# Asked in the last days and not settled yet: the app suggests people who might know.
OPEN_QUESTIONS = (
    question(
        "hr-relocation-ghana-lisbon",
        "kwame.mensah",
        "Relocating from Accra to Lisbon as an existing employee: what does the company cover?",
        """
        My partner got a job offer in Lisbon, so I would like to move there in April and keep
        my role. Today I work remotely from Ghana through the employer-of-record contract.

        Does the relocation support we give new hires also apply when someone already on the
        payroll moves? And would I switch to a Portuguese employment contract, with the
        benefits and notice periods that come with it, or stay on the current one?
        """,
        tags=("relocation", "benefits", "Portugal"),
        days_ago=(1, 4),
    ),
)
