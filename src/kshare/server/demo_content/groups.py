"""Groups of the demo company: departments, teams, communities and two confidential projects."""

from __future__ import annotations

from kshare.server.demo_content.model import DemoGroup, DemoPerson
from kshare.server.demo_content.people import DEPARTMENTS

FALCON = "Project Falcon acquisition"
REORG = "Reorg 2027 planning"
SECRET_GROUPS = (FALCON, REORG)

_DEPARTMENT_BLURBS = {
    "Office of the CEO": "Company strategy, board preparation, planning and all-hands.",
    "Platform Engineering": "Everyone who builds and runs the Northwind platform and apps.",
    "Data Science": "Analytics, experimentation, machine learning and the data warehouse.",
    "Security": "Identity, application security, awareness and compliance.",
    "Product": "Product management, design and user research.",
    "Sales": "New business, solutions engineering and sales operations.",
    "Finance": "Budgeting, accounting, procurement and expenses.",
    "People & Culture": "Hiring, onboarding, benefits, learning and employee relations.",
    "Legal": "Contracts, privacy, corporate matters and policy.",
    "Customer Success": "Onboarding, support and renewals for our customers.",
}

# name, kind, visibility, description, members, owners
_GROUPS: tuple[tuple[str, str, str, str, str, str], ...] = (
    (
        "SRE on-call",
        "team",
        "closed",
        "The people in the production on-call rotation: handovers, runbooks, incident notes.",
        "priya.raman kwame.mensah ingrid.halvorsen oskar.lindqvist daniel.kim jonas.weber",
        "priya.raman",
    ),
    (
        "Payments squad",
        "team",
        "open",
        "Billing API, invoicing, payment providers and dunning.",
        "lucia.ferreira jonas.weber daniel.kim lucas.moreau elena.popescu",
        "lucia.ferreira",
    ),
    (
        "Web & Desktop",
        "team",
        "open",
        "The web app, the desktop app, the design system and their releases.",
        "marco.rossi aisha.bello yuki.tanaka elena.popescu zara.ahmed",
        "marco.rossi",
    ),
    (
        "ML Platform",
        "team",
        "open",
        "Feature store, training pipelines and model serving.",
        "chloe.dubois mateo.garcia nadia.haddad wei.zhang kwame.mensah arjun.mehta",
        "chloe.dubois",
    ),
    (
        "Deal desk",
        "team",
        "closed",
        "Non-standard pricing, discounts and contract terms for open deals.",
        "amelia.clarke carlos.mendes emma.wilson katarzyna.wrobel julien.martin amina.yusuf "
        "victoria.adams rebecca.hughes",
        "amelia.clarke",
    ),
    (
        "Support escalations",
        "team",
        "closed",
        "Tier-3 escalations where support needs engineering help.",
        "valentina.romero patrick.murphy omar.farouk linh.nguyen priya.raman daniel.kim",
        "valentina.romero",
    ),
    (
        "Python guild",
        "community",
        "open",
        "Python at Northwind: typing, packaging, performance, monthly lightning talks.",
        "jonas.weber wei.zhang sofia.alvarez chloe.dubois mateo.garcia elena.popescu yuki.tanaka "
        "noa.levi hannah.schmidt arjun.mehta patrick.murphy",
        "jonas.weber wei.zhang",
    ),
    (
        "Women in Tech",
        "community",
        "open",
        "A community for women and non-binary colleagues in technical roles, and their allies.",
        "priya.raman fatima.elamrani aisha.bello noa.levi grace.liu nadia.haddad chloe.dubois "
        "hannah.schmidt ingrid.halvorsen elena.popescu sofia.alvarez zara.ahmed olivia.bennett "
        "lucia.ferreira victoria.adams amelia.clarke",
        "priya.raman fatima.elamrani",
    ),
    (
        "Running club",
        "community",
        "open",
        "Lunch runs in Berlin and Lisbon, a Strava club for everyone remote.",
        "isabel.costa daniel.kim kwame.mensah jonas.weber emma.wilson rebecca.hughes "
        "george.papadopoulos mateo.garcia liam.oconnor katarzyna.wrobel",
        "isabel.costa",
    ),
    (
        "Parents network",
        "community",
        "open",
        "Swapping advice on leave, childcare, school holidays and sleep (or its absence).",
        "rohan.kapoor lucia.ferreira martin.keller marco.rossi ingrid.halvorsen carlos.mendes "
        "linh.nguyen thabo.nkosi",
        "rohan.kapoor",
    ),
    (
        "Security champions",
        "community",
        "open",
        "One engineer per team who reviews threat models and triages scanner findings.",
        "noa.levi fatima.elamrani jonas.weber daniel.kim aisha.bello chloe.dubois "
        "oskar.lindqvist julien.martin patrick.murphy",
        "noa.levi",
    ),
    (
        "Book club",
        "community",
        "open",
        "One book a month, discussed over lunch or on a video call.",
        "jakob.berg ben.carter zara.ahmed tomasz.nowak paolo.bianchi hannah.schmidt "
        "amina.yusuf omar.farouk",
        "jakob.berg",
    ),
    (
        "Managers circle",
        "community",
        "closed",
        "People managers helping each other with reviews, hiring and hard conversations.",
        "",  # filled with every manager below
        "jakob.berg naomi.fischer rohan.kapoor",
    ),
    (
        FALCON,
        "community",
        "secret",
        "Confidential: evaluation and possible acquisition of Kestrel Labs. Do not forward.",
        "helena.marsh martin.keller victoria.adams rafael.duarte tomasz.nowak nadia.haddad "
        "naomi.fischer",
        "victoria.adams helena.marsh",
    ),
    (
        REORG,
        "community",
        "secret",
        "Confidential: organisation design for 2027. Nothing here is decided until announced.",
        "helena.marsh tomasz.nowak naomi.fischer martin.keller rafael.duarte olivia.bennett "
        "carlos.mendes george.papadopoulos",
        "naomi.fischer tomasz.nowak",
    ),
)


def build_groups(people: list[DemoPerson]) -> list[DemoGroup]:
    """One group per department, then the teams and communities."""
    managers = {p.manager for p in people if p.manager}
    groups = []
    for department in DEPARTMENTS:
        members = [p.username for p in people if p.department == department]
        heads = [
            p.username
            for p in people
            if p.department == department and (p.manager is None or p.manager not in members)
        ]
        groups.append(
            DemoGroup(
                name=department,
                kind="department",
                visibility="closed",
                description=_DEPARTMENT_BLURBS[department],
                members=members,
                owners=heads,
            )
        )
    for name, kind, visibility, description, members_text, owners_text in _GROUPS:
        owners = owners_text.split()
        members = members_text.split()
        if name == "Managers circle":
            members = [p.username for p in people if p.username in managers]
        members += [o for o in owners if o not in members]
        groups.append(
            DemoGroup(
                name=name,
                kind=kind,
                visibility=visibility,
                description=description,
                members=members,
                owners=owners,
            )
        )
    return groups
