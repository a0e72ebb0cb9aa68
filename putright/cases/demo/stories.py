"""Realistic complaint texts per service: (summary, what happened, outcome sought)."""

from typing import Final

STORIES: Final[dict[str, list[tuple[str, str, str]]]] = {
    "housing-repairs": [
        (
            "Damp and mould in the bedroom not fixed",
            "I reported black mould in my son's bedroom in March. An operative came, sprayed "
            "it and said a surveyor would visit. Nobody came. The mould is back and my son's "
            "asthma is worse.",
            "A proper survey, the cause fixed, and the room redecorated.",
        ),
        (
            "Missed repair appointments for a leaking roof",
            "Three appointments to fix the roof leak were missed without notice. I took "
            "unpaid leave each time. Water is still coming through the ceiling.",
            "The roof repaired and compensation for the days off work.",
        ),
        (
            "No heating or hot water for nine days",
            "My boiler broke and the contractor said parts were on order. Nine days later I "
            "still have no heating or hot water and two small children.",
            "The boiler fixed now and compensation for the days without heating.",
        ),
    ],
    "housing-tenancy": [
        (
            "Transfer application not answered",
            "I applied for a transfer on medical grounds four months ago with letters from my "
            "GP. I have had no reply and the phone line says to wait.",
            "A decision on my application and an explanation of the delay.",
        ),
    ],
    "housing-anti-social-behaviour": [
        (
            "Noise from neighbour not dealt with",
            "I have reported loud music every night after midnight for two months and kept "
            "diaries as asked. Nothing has been done.",
            "Action taken against the noise and regular updates.",
        ),
    ],
    "council-tax": [
        (
            "Single person discount removed without warning",
            "My single person discount was removed and I was sent a bill for the difference "
            "going back two years. I have lived alone throughout.",
            "The discount restored and the bill corrected.",
        ),
        (
            "Bailiff letter while payment arrangement in place",
            "I agreed a payment plan by phone and have paid every month, but I received an "
            "enforcement agent letter.",
            "The enforcement stopped and an apology.",
        ),
    ],
    "waste": [
        (
            "Bins missed three weeks running",
            "Our bins were not collected on the scheduled day for the third week running. "
            "Each time I reported it online and was told the crew would return.",
            "Collections on the right day and an explanation.",
        ),
        (
            "Assisted collection not provided",
            "I am registered for an assisted collection because I use a wheelchair, but the "
            "crew leaves my bin at the kerb.",
            "The assisted collection provided every week.",
        ),
    ],
    "planning": [
        (
            "Enforcement complaint about an extension not investigated",
            "I reported that my neighbour's extension is bigger than the approved plans. Six "
            "months on I have heard nothing from enforcement.",
            "The breach investigated and a decision explained to me.",
        ),
    ],
    "highways": [
        (
            "Pothole caused damage and was not repaired",
            "A deep pothole on Station Road has been reported many times. It is still there "
            "and it has become dangerous for cyclists.",
            "The pothole repaired and the inspection regime explained.",
        ),
        (
            "Street light out for two months",
            "The street light outside number 14 has been out since September and the path is "
            "dark when children walk home.",
            "The light repaired.",
        ),
    ],
    "parking": [
        (
            "Rude parking officer",
            "The civil enforcement officer who spoke to me on the High Street was rude and "
            "refused to listen while I was loading.",
            "An apology and the officer spoken to.",
        ),
    ],
    "libraries": [
        (
            "Library opening hours changed without consultation",
            "The branch library's Saturday opening was stopped without asking users.",
            "Saturday opening restored or a proper consultation.",
        ),
    ],
    "childrens-social-care": [
        (
            "Social worker changed four times in a year",
            "My daughter has had four social workers in a year and the plan agreed at the "
            "last review has not been followed.",
            "A stable social worker and the agreed plan followed.",
        ),
        (
            "Contact arrangements cancelled at short notice",
            "Contact with my son has been cancelled at short notice five times and nobody "
            "explains why.",
            "Contact to happen as agreed and an explanation.",
        ),
    ],
    "adult-social-care": [
        (
            "Home care visits late and rushed",
            "My mother's carers arrive up to two hours late and leave after ten minutes. She "
            "has missed medication.",
            "Visits on time and for the agreed length, and a review of her care.",
        ),
        (
            "Charges for care not explained",
            "We were sent an invoice for my father's care without any financial assessment "
            "being explained.",
            "A financial assessment and a clear explanation of the charges.",
        ),
    ],
}

COMPLIMENTS: Final = [
    "The repairs operative who came on Tuesday was polite and tidied up after himself.",
    "Thank you to the library staff for helping me get online.",
    "The waste crew went out of their way to help my elderly neighbour.",
]
COMMENTS: Final = [
    "It would help if the website showed bin days for the whole year.",
    "The council tax form is confusing; please make it simpler.",
]


# The category of each story, in the order of STORIES[service] (a story beyond the list
# takes the last one): demo reports of themes read like a real council's.
STORY_CATEGORIES: Final[dict[str, list[str]]] = {
    "housing-repairs": ["repairs-damp-mould", "repairs-appointments", "repairs-heating"],
    "housing-tenancy": ["tenancy-transfers"],
    "housing-anti-social-behaviour": ["asb-noise"],
    "council-tax": ["council-tax-benefits"],
    "waste": ["waste-missed", "waste"],
    "planning": ["planning"],
    "highways": ["highways-parking"],
    "parking": ["highways-parking"],
    "libraries": ["libraries-leisure"],
    "childrens-social-care": ["childrens-services"],
    "adult-social-care": ["adult-social-care"],
}

# Root causes an officer finds, with weights (no fault is common: many are not upheld).
ROOT_CAUSE_WEIGHTS: Final[list[tuple[str, int]]] = [
    ("delay", 20),
    ("poor-communication", 18),
    ("failure-to-act", 12),
    ("promise-not-kept", 10),
    ("contractor-failure", 8),
    ("procedure-not-followed", 6),
    ("poor-record-keeping", 5),
    ("staff-behaviour", 4),
    ("no-fault-found", 17),
]
