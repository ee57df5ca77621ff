"""The employees of Northwind Analytics: who they are, where they sit, what they know."""

from __future__ import annotations

from kshare.server.demo_content.model import DemoPerson

DEMO_PASSWORD = "demo-password"

LEADERSHIP = "Office of the CEO"
ENGINEERING = "Platform Engineering"
DATA = "Data Science"
SECURITY = "Security"
PRODUCT = "Product"
SALES = "Sales"
FINANCE = "Finance"
PEOPLE = "People & Culture"
LEGAL = "Legal"
SUCCESS = "Customer Success"

DEPARTMENTS = (
    LEADERSHIP,
    ENGINEERING,
    DATA,
    SECURITY,
    PRODUCT,
    SALES,
    FINANCE,
    PEOPLE,
    LEGAL,
    SUCCESS,
)

# username, display name, title, department, location, manager, skills, ask me about
# fmt: off
_ROSTER: tuple[tuple[str, str, str, str, str, str | None, str, str], ...] = (
    # Office of the CEO
    ("helena.marsh", "Helena Marsh", "Chief Executive Officer", LEADERSHIP, "Berlin", None,
     "Strategy; Fundraising; Company culture", "Our 2027 strategy; Remote work"),
    ("tomasz.nowak", "Tomasz Nowak", "Chief of Staff", LEADERSHIP, "Berlin", "helena.marsh",
     "OKRs; Planning; Board reporting", "Quarterly planning; OKR scoring; All-hands"),
    # Platform Engineering
    ("rafael.duarte", "Rafael Duarte", "VP Engineering", ENGINEERING, "Lisbon", "helena.marsh",
     "Engineering management; Architecture; Hiring", "Career ladder; Architecture reviews"),
    ("priya.raman", "Priya Raman", "Staff Site Reliability Engineer", ENGINEERING, "Berlin",
     "rafael.duarte", "Kubernetes; Prometheus; Incident response; PostgreSQL",
     "On-call; Alerting; Postmortems"),
    ("kwame.mensah", "Kwame Mensah", "Site Reliability Engineer", ENGINEERING, "Remote (Ghana)",
     "priya.raman", "Terraform; AWS; Kubernetes; Helm", "Terraform modules; EKS upgrades"),
    ("ingrid.halvorsen", "Ingrid Halvorsen", "Database Reliability Engineer", ENGINEERING,
     "Remote (Norway)", "priya.raman", "PostgreSQL; Patroni; PgBouncer; Backups",
     "Slow queries; Failover; Point-in-time recovery"),
    ("oskar.lindqvist", "Oskar Lindqvist", "Senior Platform Engineer", ENGINEERING,
     "Remote (Sweden)", "priya.raman", "CI/CD; GitHub Actions; Docker; Build caching",
     "Flaky pipelines; Container images"),
    ("lucia.ferreira", "Lúcia Ferreira", "Engineering Manager, Payments", ENGINEERING, "Lisbon",
     "rafael.duarte", "Payments; Stripe; Team leadership; Idempotency",
     "Payment retries; Running a squad"),
    ("jonas.weber", "Jonas Weber", "Backend Engineer", ENGINEERING, "Berlin", "lucia.ferreira",
     "Python; FastAPI; SQLAlchemy; Payments", "Webhooks; Python typing"),
    ("daniel.kim", "Daniel Kim", "Senior Backend Engineer", ENGINEERING, "Toronto",
     "lucia.ferreira", "Go; gRPC; Performance; Caching; Redis", "Billing API latency; Profiling"),
    ("marco.rossi", "Marco Rossi", "Engineering Manager, Web & Desktop", ENGINEERING, "Berlin",
     "rafael.duarte", "Engineering management; TypeScript; Release management",
     "Release trains; Feature flags"),
    ("aisha.bello", "Aisha Bello", "Frontend Engineer", ENGINEERING, "London", "marco.rossi",
     "TypeScript; React; Accessibility; Design systems", "Screen readers; WCAG"),
    ("yuki.tanaka", "Yuki Tanaka", "Desktop Engineer", ENGINEERING, "Remote (Japan)",
     "marco.rossi", "Qt; PySide6; Packaging; Code signing", "Installers; Notarization"),
    ("elena.popescu", "Elena Popescu", "Quality Engineer", ENGINEERING, "Remote (Romania)",
     "marco.rossi", "Test automation; Playwright; Pytest; Flaky tests", "Test strategy"),
    ("sofia.alvarez", "Sofía Álvarez", "Search Engineer", ENGINEERING, "Lisbon", "rafael.duarte",
     "OpenSearch; Relevance tuning; Python", "Search ranking; Analyzers"),
    # Data Science
    ("nadia.haddad", "Nadia Haddad", "Head of Data Science", DATA, "London", "helena.marsh",
     "Machine learning; Data strategy; Experimentation", "Data team roadmap"),
    ("arjun.mehta", "Arjun Mehta", "Senior Data Scientist", DATA, "Remote (India)", "nadia.haddad",
     "A/B testing; Statistics; Causal inference", "Experiment design; p-values"),
    ("chloe.dubois", "Chloé Dubois", "Machine Learning Engineer", DATA, "Berlin", "nadia.haddad",
     "Feature store; MLflow; Model serving; Python", "Feast; Model monitoring"),
    ("mateo.garcia", "Mateo García", "Data Engineer", DATA, "Lisbon", "nadia.haddad",
     "Airflow; dbt; Spark; Data quality", "Pipelines; Warehouse costs"),
    ("hannah.schmidt", "Hannah Schmidt", "Data Analyst", DATA, "Berlin", "nadia.haddad",
     "SQL; Looker; Dashboards; Metrics", "Metric definitions; pandas"),
    ("wei.zhang", "Wei Zhang", "Data Scientist", DATA, "Toronto", "nadia.haddad",
     "pandas; Forecasting; Churn; Polars", "Fast pandas; Time series"),
    # Security
    ("erik.johansson", "Erik Johansson", "Chief Information Security Officer", SECURITY, "Berlin",
     "helena.marsh", "Security; Risk management; Incident response",
     "Security incidents; Risk register"),
    ("fatima.elamrani", "Fatima El Amrani", "Security Engineer, Identity", SECURITY, "Lisbon",
     "erik.johansson", "SSO; SAML; OIDC; Okta", "Single sign-on; MFA"),
    ("liam.oconnor", "Liam O'Connor", "Security Awareness Lead", SECURITY, "London",
     "erik.johansson", "Phishing; Security training; Social engineering",
     "Phishing drills; Reporting suspicious mail"),
    ("noa.levi", "Noa Levi", "Application Security Engineer", SECURITY, "Remote (Israel)",
     "erik.johansson", "Secrets management; Vault; Threat modelling; Dependency scanning",
     "Secrets rotation; Threat models"),
    ("grace.liu", "Grace Liu", "GRC Analyst", SECURITY, "Toronto", "erik.johansson",
     "SOC 2; ISO 27001; Vendor risk; Security questionnaires", "Audits; Evidence collection"),
    # Product
    ("olivia.bennett", "Olivia Bennett", "VP Product", PRODUCT, "London", "helena.marsh",
     "Product strategy; Roadmaps; Pricing", "Roadmap priorities"),
    ("lucas.moreau", "Lucas Moreau", "Senior Product Manager, Payments", PRODUCT, "Berlin",
     "olivia.bennett", "Product discovery; Payments; Roadmaps", "Writing PRDs; Dunning"),
    ("ana.kovac", "Ana Kovač", "Product Manager, Analytics", PRODUCT, "Remote (Croatia)",
     "olivia.bennett", "Analytics; Pricing; Product discovery",
     "Dashboards product; Pricing page"),
    ("zara.ahmed", "Zara Ahmed", "Senior Product Designer", PRODUCT, "London", "olivia.bennett",
     "Design systems; Figma; Interaction design; Accessibility", "Figma libraries"),
    ("ben.carter", "Ben Carter", "UX Researcher", PRODUCT, "Toronto", "olivia.bennett",
     "User research; Usability testing; Interviews", "Recruiting participants"),
    # Sales
    ("carlos.mendes", "Carlos Mendes", "VP Sales", SALES, "London", "helena.marsh",
     "Sales leadership; Forecasting; Pricing", "Quota; Deal strategy"),
    ("emma.wilson", "Emma Wilson", "Enterprise Account Executive", SALES, "London",
     "carlos.mendes", "Negotiation; Enterprise sales; MEDDICC", "Procurement processes"),
    ("katarzyna.wrobel", "Katarzyna Wróbel", "Account Executive, DACH", SALES, "Berlin",
     "carlos.mendes", "Enterprise sales; DACH; Negotiation",
     "Works council; German contracts"),
    ("julien.martin", "Julien Martin", "Solutions Engineer", SALES, "Remote (France)",
     "carlos.mendes", "Demos; Solution architecture; Security questionnaires; SSO",
     "Proof of concept; Demo environment"),
    ("amelia.clarke", "Amelia Clarke", "Sales Operations Manager", SALES, "Toronto",
     "carlos.mendes", "Salesforce; CRM hygiene; Forecasting; Commission plans",
     "Opportunity stages; Commissions"),
    ("diego.santos", "Diego Santos", "Business Development Representative", SALES, "Lisbon",
     "carlos.mendes", "Prospecting; Outbound; Cold email", "Sequences; Booking meetings"),
    # Finance
    ("martin.keller", "Martin Keller", "Chief Financial Officer", FINANCE, "Berlin",
     "helena.marsh", "Corporate finance; Fundraising; Budgeting; M&A", "Runway; Board pack"),
    ("rebecca.hughes", "Rebecca Hughes", "FP&A Lead", FINANCE, "London", "martin.keller",
     "Budgeting; Forecasting; Headcount planning", "Budget process; Cost centres"),
    ("thabo.nkosi", "Thabo Nkosi", "Senior Accountant", FINANCE, "Remote (South Africa)",
     "martin.keller", "Expense policy; Month-end close; VAT; Accounts payable",
     "Expenses; Invoices"),
    ("elif.yilmaz", "Elif Yılmaz", "Procurement Specialist", FINANCE, "Berlin", "martin.keller",
     "Procurement; Vendor management; SaaS spend", "Buying software; POs"),
    # People & Culture
    ("naomi.fischer", "Naomi Fischer", "Head of People", PEOPLE, "Berlin", "helena.marsh",
     "People strategy; Compensation; Organisation design", "Pay bands; Org design"),
    ("rohan.kapoor", "Rohan Kapoor", "People Partner", PEOPLE, "London", "naomi.fischer",
     "Parental leave; Performance reviews; Employee relations", "Leave policies; Review cycles"),
    ("isabel.costa", "Isabel Costa", "Talent Acquisition Lead", PEOPLE, "Lisbon", "naomi.fischer",
     "Hiring; Interviewing; Employer branding; Referrals", "Interview loops; Referral bonus"),
    ("mia.novak", "Mia Novak", "People Operations Specialist", PEOPLE, "Toronto", "naomi.fischer",
     "Onboarding; Benefits; HRIS; Relocation", "First week; Benefits"),
    ("jakob.berg", "Jakob Berg", "Learning & Development Manager", PEOPLE, "Remote (Denmark)",
     "naomi.fischer", "Learning & development; Coaching; Mentoring",
     "Learning budget; Mentoring programme"),
    # Legal
    ("victoria.adams", "Victoria Adams", "General Counsel", LEGAL, "London", "helena.marsh",
     "Corporate law; M&A; Contract review", "Signing authority; Legal intake"),
    ("paolo.bianchi", "Paolo Bianchi", "Privacy Counsel & DPO", LEGAL, "Berlin", "victoria.adams",
     "GDPR; Data processing agreements; Privacy", "Data subject requests; DPAs; Transfers"),
    ("amina.yusuf", "Amina Yusuf", "Commercial Counsel", LEGAL, "Toronto", "victoria.adams",
     "Contract review; MSA; Negotiation; Open source licensing", "Redlines; NDAs; OSS licences"),
    # Customer Success
    ("george.papadopoulos", "George Papadopoulos", "VP Customer Success", SUCCESS,
     "Remote (Greece)", "helena.marsh", "Customer success; Renewals; Churn reduction",
     "Renewal strategy; Escalations"),
    ("linh.nguyen", "Linh Nguyen", "Customer Success Manager", SUCCESS, "Toronto",
     "george.papadopoulos", "Customer success; QBRs; Renewals; Churn", "Health scores; QBR decks"),
    ("valentina.romero", "Valentina Romero", "Support Team Lead", SUCCESS, "Lisbon",
     "george.papadopoulos", "Customer support; SLA; Escalations; Zendesk",
     "Support macros; Ticket routing"),
    ("patrick.murphy", "Patrick Murphy", "Support Engineer", SUCCESS, "London", "valentina.romero",
     "Troubleshooting; API; Log analysis; Zendesk", "Reading customer logs; API errors"),
    ("omar.farouk", "Omar Farouk", "Technical Account Manager", SUCCESS, "Berlin",
     "george.papadopoulos", "SSO; API integrations; Customer onboarding",
     "Integrations; SCIM provisioning"),
)
# fmt: on


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def build_people() -> list[DemoPerson]:
    """Everyone at Northwind Analytics, managers first."""
    return [
        DemoPerson(
            username=username,
            display_name=display,
            title=title,
            department=department,
            location=location,
            manager=manager,
            skills=_split(skills),
            ask_me_about=_split(ask),
            password=DEMO_PASSWORD,
        )
        for username, display, title, department, location, manager, skills, ask in _ROSTER
    ]
