"""Reference data of the demo council (Northfield Council) and its named personas."""

from typing import Final

# (code, name, process, landlord function)
SERVICES: Final = [
    ("housing-repairs", "Housing repairs", "housing", True),
    ("housing-tenancy", "Tenancy management", "housing", True),
    ("housing-anti-social-behaviour", "Anti-social behaviour (housing)", "housing", True),
    ("council-tax", "Council tax", "corporate", False),
    ("waste", "Waste and recycling", "corporate", False),
    ("planning", "Planning and building control", "corporate", False),
    ("highways", "Highways and street lighting", "corporate", False),
    ("parking", "Parking services", "corporate", False),
    ("libraries", "Libraries", "corporate", False),
    ("childrens-social-care", "Children's social care", "childrens_social_care", False),
    ("adult-social-care", "Adult social care", "adult_social_care", False),
]

# (name, job title, service code, independent)
OFFICERS: Final = [
    ("Priya Shah", "Repairs Team Manager", "housing-repairs", False),
    ("Tom Okafor", "Head of Housing Maintenance", "housing-repairs", False),
    ("Grace Lee", "Tenancy Services Manager", "housing-tenancy", False),
    ("Daniel Hughes", "Head of Housing Management", "housing-tenancy", False),
    ("Aisha Rahman", "ASB Team Leader", "housing-anti-social-behaviour", False),
    ("Mark Evans", "Revenues Manager", "council-tax", False),
    ("Helen Clarke", "Head of Revenues and Benefits", "council-tax", False),
    ("Sam Patel", "Waste Services Manager", "waste", False),
    ("Ruth Adeyemi", "Head of Environmental Services", "waste", False),
    ("Oliver Grant", "Development Management Manager", "planning", False),
    ("Nina Kowalska", "Head of Planning", "planning", False),
    ("Chris Doyle", "Highways Operations Manager", "highways", False),
    ("Graham Pike", "Head of Highways", "highways", False),
    ("Fatima Begum", "Parking Services Manager", "parking", False),
    ("Laura Finch", "Head of Parking and Transport", "parking", False),
    ("Lucy Martin", "Libraries Manager", "libraries", False),
    ("Martin Cole", "Head of Culture and Libraries", "libraries", False),
    ("Joanne Brooks", "Team Manager, Children in Care", "childrens-social-care", False),
    ("Peter Wood", "Independent Investigating Officer", "childrens-social-care", True),
    ("Sarah Quinn", "Independent Person", "childrens-social-care", True),
    ("Ian Fletcher", "Independent Review Panel Chair", "childrens-social-care", True),
    # A review panel needs a chair and two independent persons who took no earlier stage.
    ("Grace Okonkwo", "Independent Person", "childrens-social-care", True),
    ("Maria Santos", "Adult Social Care Team Manager", "adult-social-care", False),
    ("Kevin Moore", "Head of Adult Social Care", "adult-social-care", False),
]

# The signed-in personas for the back office: (username, name, role, service code or "").
STAFF_PERSONAS: Final = [
    ("complaints.team", "Jess Walker", "complaints_team", ""),
    ("priya.shah", "Priya Shah", "investigating_officer", "housing-repairs"),
    ("tom.okafor", "Tom Okafor", "investigating_officer", "housing-repairs"),
    ("service.manager", "Ruth Adeyemi", "service_manager", "waste"),
    ("insight.lead", "Anil Mehta", "insight_lead", ""),
    ("governance", "Cllr Sue Barker", "governance", ""),
]
DEMO_PASSWORD: Final = "putright-demo-2026"  # noqa: S105 - printed by make run, demo only

# Named residents who appear on the public side and in the stories of the demo cases.
RESIDENTS: Final = [
    ("Margaret Wilson", "margaret.wilson@example.org", True),
    ("Ahmed Hussain", "ahmed.hussain@example.org", True),
    ("Chloe Bennett", "chloe.bennett@example.org", False),
    ("Joseph Nowak", "joseph.nowak@example.org", True),
    ("Amara Osei", "amara.osei@example.org", False),
    ("David Thompson", "david.thompson@example.org", False),
    ("Sophie Turner", "sophie.turner@example.org", True),
    ("Raj Kapoor", "raj.kapoor@example.org", False),
    ("Eileen Murphy", "eileen.murphy@example.org", True),
    ("Liam O'Connor", "liam.oconnor@example.org", False),
    ("Hannah Price", "hannah.price@example.org", False),
    ("Kwame Mensah", "kwame.mensah@example.org", True),
]
