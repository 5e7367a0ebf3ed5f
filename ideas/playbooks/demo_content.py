"""Demo content: the standard models published from the standardised demo pilots, and the
organisations that adopted them (DESIGN.md sections 1 and 3).

Plain data only; ``load_demo_data`` drafts each model from its pilot as the headquarters
publisher would, rewrites it as a playbook, publishes each version through Wagtail (saved
by the publisher, published by the demo reviewer of Wagtail's Moderators group), records
the adoptions through the services, and then dates every step as below. Times are in
Korea (Asia/Seoul).

Each model is a dict with:
  pilot (the demo pilot's title), title, slug, drafted (when the draft was made),
  versions (each with published, change_note and the sections: summary and when_to_use as
  HTML, procedure, requirements and limitations as StreamField values), and adoptions.
An adoption has the organisation slug, when it was recorded, status, started_on,
local_adaptations and feedback, optionally ``addressed_in`` (the version number whose
publication answered the feedback) and ``update`` (a later change of status: on, status,
local_adaptations).
"""

from __future__ import annotations

# Officials who record their organisation's adoption (an organisation admin each), for the
# adopting organisations that have no demo official yet.
ADOPTING_OFFICIALS = {
    "goyang": "Goyang City public health centre",
    "sejong": "Sejong City public health centre",
    "daegu": "Daegu public health department",
    "incheon": "Incheon public health department",
    "chungnam": "South Chungcheong health department",
    "smc": "Seoul Medical Center screening clinic",
    "yumc": "Yeungnam University Medical Center screening clinic",
    "koreapost": "Korea Post retail services",
    "nonghyup": "NongHyup Hanaro Mart operations",
}


def _step(who, what, duration, resources):
    return ("step", {"who": who, "what": what, "duration": duration, "resources": resources})


def _requirement(kind, description):
    return ("requirement", {"kind": kind, "description": description})


def _limitation(limitation, left_out, alternative=""):
    return ("limitation", {"limitation": limitation, "left_out": left_out, "alternative": alternative})


# --- Drive-through screening -----------------------------------------------------

DRIVE_THROUGH_SUMMARY = (
    "<p>People who may be infected are tested without leaving their cars. The car passes four stations "
    "in an open-air lane: registration, questionnaire and temperature, consultation, swab. Staff meet "
    "people only through a half-open window in the open air, and disinfect between cars instead of "
    "airing a room after every person.</p>"
    "<p>In the pilot at Kyungpook National University Chilgok Hospital and three local governments, "
    "sample collection fell from about 30 minutes to 8 to 10 minutes per person, closed-room contacts "
    "fell below 1 per 100 samples with no staff infections, and one lane tested two to three times as "
    "many people a day as a walk-in clinic with the same staff.</p>"
)
DRIVE_THROUGH_WHEN = (
    "<ul><li>Many people need testing at once (an outbreak in a city or a district) and walk-in clinics "
    "have queues or must close to be disinfected.</li>"
    "<li>Most of the people to test can come by car.</li>"
    "<li>A large open space with road access is free for at least several weeks: a car park, a stadium, "
    "a sports complex.</li></ul>"
    "<p>Do not use it as the only testing site: people without cars need a walk-in clinic nearby.</p>"
)
DRIVE_THROUGH_STEPS = [
    _step(
        "Public health centre or 1339 call centre",
        "<p>The person phones, is referred for testing and books a time slot. They are told to come by car, "
        "keep the windows closed and bring their ID card.</p>",
        "3 minutes per call",
        "Booking list shared with the site; 1339 call centre script",
    ),
    _step(
        "Traffic officer at the entrance",
        "<p>Checks the booking, hands out the paper questionnaire to fill in while queueing, and sends the "
        "car to a free lane.</p>",
        "1 minute per car",
        "Signs and cones from 500 m ahead; questionnaire forms; radio",
    ),
    _step(
        "Nurse at station 1 (registration)",
        "<p>Registers the person through the half-open window: name, ID number, mobile number for the result.</p>",
        "2 minutes per car",
        "Tablet or laptop with the registration system",
    ),
    _step(
        "Nurse at station 2 (questionnaire and temperature)",
        "<p>Checks the questionnaire and takes the temperature with a non-contact thermometer at the car window.</p>",
        "1 to 2 minutes per car",
        "Non-contact thermometer",
    ),
    _step(
        "Physician at station 3 (consultation)",
        "<p>Asks about symptoms and contacts through the window and decides whether to test.</p>",
        "2 minutes per car",
        "Consultation form",
    ),
    _step(
        "Physician or nurse at station 4 (swab)",
        "<p>Takes the nasal and throat swab through the window, labels the sample and places it in the "
        "cool box for the laboratory.</p>",
        "2 minutes per car",
        "Swab kits, labels, cool box; full protective equipment",
    ),
    _step(
        "Every station",
        "<p>Changes outer gloves and disinfects the surfaces touched, in the open air, before the next car. "
        "Used gowns and swabs go into the sealed medical-waste bin of the lane.</p>",
        "30 seconds per car",
        "Outer gloves, disinfectant wipes, sealed medical-waste bins",
    ),
    _step(
        "Public health centre",
        "<p>Sends the result by text message, usually the next day, and calls people who test positive.</p>",
        "24 hours",
        "Text-message service of the public health centre",
    ),
]
DRIVE_THROUGH_REQUIREMENTS = [
    _requirement(
        "space",
        "An open space of about 2,000 m² with road access, room for a queue of 30 cars off the public road, "
        "and a covered area for medical waste away from the queue.",
    ),
    _requirement(
        "staff",
        "Per lane and shift: 1 physician, 3 nurses or clinical pathologists, 2 administrative staff and 2 "
        "traffic officers. Two-hour rotations outdoors with a heated rest tent.",
    ),
    _requirement(
        "equipment",
        "Four solid shelters or tents per lane, full protective equipment, non-contact thermometers, swab "
        "kits and cool boxes, sealed medical-waste bins collected at least twice a day by a licensed "
        "contractor, cones and signs.",
    ),
    _requirement(
        "systems",
        "Time-slot booking shared by the call centre and the public health centre, the registration system "
        "on a tablet or laptop, and text messages for the results.",
    ),
]
DRIVE_THROUGH_LIMITATIONS = [
    _limitation(
        "Only people who come by car can use it.",
        "People without a car: older people, people on low incomes, people who came by public transport.",
        "Keep a walk-in clinic open nearby.",
    ),
    _limitation(
        "A site needs a large open space for the queue of cars, traffic control and medical waste; "
        "city-centre clinics cannot host a lane.",
        "Neighbourhoods far from a large car park.",
        "Book time slots so that cars arrive spread over the day.",
    ),
    _limitation(
        "Staff work outdoors: cold, rain and wind slow the work, and tents blow over.",
        "",
        "Solid shelters, heated rest tents, two hours outdoors at most.",
    ),
]
WALK_THROUGH_STEP = _step(
    "Nurse or physician at the walk-through booth",
    "<p>People without a car walk to a booth next to the lane. The swab is taken through the glove port "
    "of the booth; the booth is disinfected and aired between people.</p>",
    "5 minutes per person, disinfection included",
    "Walk-through booths with glove ports and negative pressure",
)

# --- Public-mask purchase check ------------------------------------------------------

MASK_SUMMARY = (
    "<p>Every seller of public masks records each sale against the buyer's ID in one national purchase "
    "record, through a system it already uses (the DUR system at pharmacies). A purchase beyond the "
    "weekly limit is refused at the counter, by the screen rather than by the pharmacist.</p>"
    "<p>In the pilot, duplicate purchase attempts fell from about 45,000 to under 3,000 a day, a check "
    "took 12 seconds, and stock mismatch reports fell below 100 a day once late entries were reconciled "
    "every night.</p>"
)
MASK_WHEN = (
    "<ul><li>A product in short supply is rationed per person and sold through many outlets at once.</li>"
    "<li>The outlets already share a national system that can hold the purchase record.</li></ul>"
)
MASK_STEPS = [
    _step(
        "Headquarters and the system operator",
        "<p>Announce the weekly limit and the birth-year rotation (last digit of the birth year decides the "
        "weekday), and raise system capacity with a queue for queries before the first day.</p>",
        "2 days before the start",
        "The DUR system with the central purchase record",
    ),
    _step(
        "Pharmacist or counter clerk",
        "<p>Checks the buyer's ID, enters the registration number, and sells if the screen allows it. Parents "
        "buy for young children, and proxies for people over 80 or with a long-term care grade.</p>",
        "12 to 18 seconds per sale",
        "DUR screen; ID card",
    ),
    _step(
        "System operator",
        "<p>Publishes the stock of every outlet as open data every few minutes and reconciles late entries "
        "against deliveries every night.</p>",
        "Every 5 minutes; nightly",
        "Open stock data API; reconciliation job",
    ),
]
MASK_REQUIREMENTS = [
    _requirement("systems", "One purchase record shared by all outlets, with queued queries for the morning peak."),
    _requirement("staff", "A clerk trained for 10 minutes; a helpdesk for outlets on the first week."),
    _requirement("equipment", "A computer at the counter connected to the system."),
]
MASK_LIMITATIONS = [
    _limitation(
        "The open stock data lags by up to ten minutes.",
        "People who come at peak times find empty outlets.",
        "Publish the delivery time of each outlet.",
    ),
    _limitation(
        "Stock maps and apps need a smartphone.",
        "Older people without smartphones.",
        "Proxy purchases by family members and stock by phone from the public health centre.",
    ),
]

MODELS: list[dict] = [
    {
        "pilot": "Drive-through screening clinic at Kyungpook National University Chilgok Hospital",
        "title": "Drive-through screening clinic",
        "slug": "drive-through-screening",
        "drafted": "2020-03-02 09:00",
        "versions": [
            {
                "published": "2020-03-04 16:00",
                "change_note": "",
                "summary": DRIVE_THROUGH_SUMMARY,
                "when_to_use": DRIVE_THROUGH_WHEN,
                "procedure": DRIVE_THROUGH_STEPS,
                "requirements": DRIVE_THROUGH_REQUIREMENTS,
                "limitations": DRIVE_THROUGH_LIMITATIONS,
            },
            {
                "published": "2020-03-12 11:00",
                "change_note": "Walk-through booths for people without cars",
                "summary": DRIVE_THROUGH_SUMMARY,
                "when_to_use": DRIVE_THROUGH_WHEN,
                "procedure": [*DRIVE_THROUGH_STEPS[:-2], WALK_THROUGH_STEP, *DRIVE_THROUGH_STEPS[-2:]],
                "requirements": DRIVE_THROUGH_REQUIREMENTS,
                "limitations": [
                    _limitation(
                        "Only people who come by car can use it.",
                        "People without a car: older people, people on low incomes, people who came by "
                        "public transport.",
                        "Walk-through booths next to the lane, where people without cars are swabbed through "
                        "a glove port; or a walk-in clinic nearby.",
                    ),
                    *DRIVE_THROUGH_LIMITATIONS[1:],
                ],
            },
        ],
        "adoptions": [
            {
                "organisation": "goyang",
                "recorded": "2020-03-05 09:30",
                "status": "operating",
                "started_on": "2020-02-26",
                "local_adaptations": (
                    "Lane at the Goyang Stadium car park. Time slots booked through the city call centre "
                    "after the queue spilled onto a main road on the first morning."
                ),
                "feedback": (
                    "Many residents without cars ask to be tested the same way. Please add a walk-through "
                    "option to the model, for example booths where staff swab through a glove port."
                ),
                "addressed_in": 2,
            },
            {
                "organisation": "sejong",
                "recorded": "2020-03-05 14:00",
                "status": "operating",
                "started_on": "2020-02-26",
                "local_adaptations": "One lane at the public health centre car park, open 10:00 to 17:00.",
                "feedback": "",
                "update": {
                    "on": "2020-04-24 10:00",
                    "status": "retired",
                    "local_adaptations": (
                        "One lane at the public health centre car park, open 10:00 to 17:00. Closed on "
                        "24 April as demand fell; the walk-in clinic at the centre took over."
                    ),
                },
            },
            {
                "organisation": "daegu",
                "recorded": "2020-03-06 10:00",
                "status": "operating",
                "started_on": "2020-02-27",
                "local_adaptations": "Three lanes across the city, with heated rest tents and two-hour rotations.",
                "feedback": (
                    "Wind and rain blew our tents over twice. The model should say which shelters hold, and "
                    "how to anchor them."
                ),
            },
            {
                "organisation": "seoul",
                "recorded": "2020-03-07 11:00",
                "status": "operating",
                "started_on": "2020-03-02",
                "local_adaptations": (
                    "Lanes at district public health centres and at the Jamsil sports complex car park; "
                    "district staff on two-hour rotations."
                ),
                "feedback": "",
            },
            {
                "organisation": "yumc",
                "recorded": "2020-03-08 15:00",
                "status": "operating",
                "started_on": "2020-03-03",
                "local_adaptations": "Hospital car park lane for referred patients only, booked by the hospital.",
                "feedback": "",
            },
            {
                "organisation": "smc",
                "recorded": "2020-03-13 09:00",
                "status": "operating",
                "started_on": "2020-03-13",
                "local_adaptations": "Drive-through lane and two walk-through booths side by side.",
                "feedback": "",
            },
            {
                "organisation": "incheon",
                "recorded": "2020-03-14 10:00",
                "status": "operating",
                "started_on": "2020-03-16",
                "local_adaptations": "Lane at the Munhak stadium car park, with a walk-through booth.",
                "feedback": "",
            },
            {
                "organisation": "chungnam",
                "recorded": "2020-03-16 16:00",
                "status": "planned",
                "started_on": "2020-03-23",
                "local_adaptations": "Planned at the Cheonan sports complex, with staff from three county centres.",
                "feedback": "",
            },
        ],
    },
    {
        "pilot": "Duplicate public-mask purchase check in the drug-utilisation review (DUR) system",
        "title": "Public-mask purchase check at the point of sale",
        "slug": "mask-purchase-check",
        "drafted": "2020-04-16 09:00",
        "versions": [
            {
                "published": "2020-04-20 10:00",
                "change_note": "",
                "summary": MASK_SUMMARY,
                "when_to_use": MASK_WHEN,
                "procedure": MASK_STEPS,
                "requirements": MASK_REQUIREMENTS,
                "limitations": MASK_LIMITATIONS,
            },
        ],
        "adoptions": [
            {
                "organisation": "koreapost",
                "recorded": "2020-04-21 11:00",
                "status": "operating",
                "started_on": "2020-03-09",
                "local_adaptations": (
                    "Post offices in towns and townships without a pharmacy sell from 11:00, once the "
                    "morning delivery is in."
                ),
                "feedback": (
                    "Rural post offices sell out within minutes. Say how to size deliveries to the number "
                    "of residents without a pharmacy nearby."
                ),
            },
            {
                "organisation": "nonghyup",
                "recorded": "2020-04-22 09:00",
                "status": "operating",
                "started_on": "2020-03-09",
                "local_adaptations": "Cooperative marts outside the capital area, through the same purchase record.",
                "feedback": "",
            },
        ],
    },
]
