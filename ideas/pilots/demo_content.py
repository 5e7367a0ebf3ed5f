"""Demo content: the pilots made from the demo proposals (DESIGN.md sections 1 and 3).

Plain data only; ``load_demo_data`` runs it through the pilot services, as the officials
would, and then dates every step as below. Times are in Korea (Asia/Seoul).

Each pilot is a dict with:
  title, hypothesis, proposals (demo proposal keys; they must be accepted by then),
  lead (organisation slug), actor (the official who runs it: a pilot lead of ``lead``),
  partners (organisation slugs), sites (list), metrics (name, unit, baseline, target,
  direction), created (a fixed "YYYY-MM-DD HH:MM", or a number of days ago),
  planned_start ("YYYY-MM-DD", or a number of days from today), and optionally
  started_on, iterations and conclusion.
An iteration has its period, changes, observations, problems, decision, one measurement
per metric (in the order of ``metrics``), the moment it was recorded, and optionally
``joined``: partner organisations and sites added just before it began.
"""

from __future__ import annotations

PILOTS: list[dict] = [
    # ------------------------------------------------------------------
    # Drive-through screening: piloted on 23 February 2020, copied by three local
    # governments within four days, then standardised.
    # ------------------------------------------------------------------
    {
        "title": "Drive-through screening clinic at Kyungpook National University Chilgok Hospital",
        "proposals": ["drive-through", "drive-through-ko"],
        "lead": "knuh",
        "actor": "pilotlead",
        "partners": [],
        "sites": ["Kyungpook National University Chilgok Hospital car park (Daegu)"],
        "hypothesis": (
            "If people stay in their cars and pass four stations in an open-air lane (registration, "
            "questionnaire and temperature, consultation, swab), sample collection will fall from about "
            "30 minutes to 10 minutes per person, staff will no longer meet untested people in closed "
            "rooms, and one site will test two to three times as many people a day with the same staff."
        ),
        "metrics": [
            {
                "name": "minutes per sample collected",
                "unit": "minutes",
                "baseline": 30,
                "target": 10,
                "direction": "lower",
            },
            {
                "name": "staff exposures per 100 samples",
                "unit": "closed-room contacts per 100 samples",
                "baseline": 100,
                "target": 5,
                "direction": "lower",
            },
            {
                "name": "people tested per day",
                "unit": "people per day",
                "baseline": 60,
                "target": 200,
                "direction": "higher",
            },
        ],
        "created": "2020-02-22 11:00",
        "planned_start": "2020-02-23",
        "started_on": "2020-02-23",
        "iterations": [
            {
                "period_start": "2020-02-23",
                "period_end": "2020-02-25",
                "recorded": "2020-02-25 22:00",
                "changes": (
                    "Opened one lane in the hospital car park with four tents in a row: registration, "
                    "questionnaire and temperature, consultation, swab. Car windows stay closed between "
                    "stations and results are sent by text message. Staff change outer gloves and wipe "
                    "down between cars instead of disinfecting and airing a room after every person."
                ),
                "observations": (
                    "A full pass took 14 minutes on average, against about 30 in the walk-in clinic; most of "
                    "the remaining time was the paper questionnaire at station 2. Staff met people only "
                    "through half-open windows in the open air. One lane tested 130 people a day, twice "
                    "as many as the walk-in clinic with the same staff."
                ),
                "problems": (
                    "Only people who come by car can use it, so the walk-in clinic stays open for everyone "
                    "else. At midday the queue of cars backed up onto the access road and the police had to "
                    "direct traffic. Staff in full protective equipment were numb with cold after an hour "
                    "outdoors, which slows swabbing. Used gowns and swabs piled up next to the lane: there "
                    "was no covered place to store medical waste."
                ),
                "decision": "adapt",
                "measurements": [14, 6, 130],
            },
            {
                "period_start": "2020-02-26",
                "period_end": "2020-02-29",
                "recorded": "2020-02-29 20:00",
                "joined": {
                    "partners": ["goyang", "sejong", "daegu"],
                    "sites": [
                        "Goyang Stadium car park (Goyang)",
                        "Sejong City public health centre car park (Sejong)",
                        "Daegu public health centre car park (Daegu)",
                    ],
                },
                "changes": (
                    "The questionnaire is handed out at the entrance and filled in while queueing, so "
                    "station 2 only checks it and takes the temperature. A second lane at Chilgok, "
                    "two-hour rotations with a heated rest tent, signs and cones 500 m ahead and traffic "
                    "officers at the entrance.\n\n"
                    "Goyang and Sejong (26 February) and Daegu (27 February) opened their own lanes with "
                    "the same layout and joined the pilot as partners; their sites report the same "
                    "measurements."
                ),
                "observations": (
                    "10 minutes per person on average across the four sites, 8 at Chilgok with two lanes. "
                    "About 420 people were tested a day across the sites. Other local governments asked "
                    "for the layout, so we wrote it down as a one-page site plan."
                ),
                "problems": (
                    "A site needs a large car park: city-centre clinics cannot host a lane. Goyang's queue "
                    "spilled onto a main road on its first morning, until booked time slots spread the "
                    "arrivals. Collecting medical waste once a day is not enough at more than 100 samples "
                    "per lane."
                ),
                "decision": "scale",
                "measurements": [10, 3, 420],
            },
            {
                "period_start": "2020-03-01",
                "period_end": "2020-03-14",
                "recorded": "2020-03-14 19:00",
                "changes": (
                    "Sealed medical-waste bins at each lane, collected twice a day by a licensed contractor, "
                    "and a covered storage area away from the queue. Time slots booked through the 1339 "
                    "call centre and public health centres for people referred for testing. The one-page "
                    "site plan is shared with any local government that asks."
                ),
                "observations": (
                    "8 minutes per person on average, and no member of staff was infected at any lane. "
                    "Several other local governments copied the layout from the site plan alone."
                ),
                "problems": (
                    "Waste and traffic plans take a day to set up at a new site. People without cars still "
                    "depend on walk-in clinics; citizens have since proposed walk-through booths for them."
                ),
                "decision": "adapt",
                "measurements": [8, 1.5, 760],
            },
            {
                "period_start": "2020-03-15",
                "period_end": "2020-03-31",
                "recorded": "2020-03-31 20:00",
                "changes": (
                    "No change to the procedure: the four sites ran the standard layout for two weeks to "
                    "confirm the figures. Afternoon lanes were closed on days with little demand."
                ),
                "observations": (
                    "The figures held: 8 minutes per person and fewer than 1 closed-room contact per 100 "
                    "samples. As the Daegu outbreak slowed, fewer people came, but still far more per day "
                    "than the target."
                ),
                "problems": (
                    "Tents blew over twice in wind and rain: a site needs solid shelters. The clinic remains "
                    "closed to people without a car, so every lane needs a walk-in or walk-through "
                    "alternative nearby."
                ),
                "decision": "continue",
                "measurements": [8, 1, 520],
            },
        ],
        "conclusion": {
            "on": "2020-04-03",
            "outcome": "standardised",
            "summary": (
                "Standardised. Sample collection fell from about 30 minutes to 8 to 10 minutes per person at "
                "every site; staff no longer met untested people in closed rooms (fewer than 1 contact per "
                "100 samples, no staff infections); and one lane tested two to three times as many people a "
                "day as the walk-in clinic. Three local governments copied the layout within four days. The "
                "Central Disaster and Safety Countermeasure Headquarters will publish the procedure as a "
                "standard operating model.\n\n"
                "Limits to carry into the model: only people who come by car can use it, so every site "
                "needs a walk-in or walk-through alternative; a site needs a large open space for queues of "
                "cars and traffic control, a heated rest area for staff, and covered storage for medical "
                "waste collected at least twice a day; staff work outdoors for two hours at most."
            ),
        },
    },
    # ------------------------------------------------------------------
    # Duplicate mask purchases: the pharmacist's idea on a system every pharmacy used,
    # overloaded on day one, fixed in the next iterations, then standardised.
    # ------------------------------------------------------------------
    {
        "title": "Duplicate public-mask purchase check in the drug-utilisation review (DUR) system",
        "proposals": ["mask-check", "mask-check-ko"],
        "lead": "hira",
        "actor": "hira-lead",
        "partners": ["pharma"],
        "sites": ["Pharmacies nationwide through the DUR system they already use"],
        "hypothesis": (
            "If every pharmacy records public-mask sales against the buyer's ID in the DUR system it already "
            "uses, duplicate purchases will be refused at the counter, the check will take less than 15 "
            "seconds per sale, and the stock pharmacies report will match what was delivered to them."
        ),
        "metrics": [
            {
                "name": "duplicate purchases detected per day",
                "unit": "purchases refused per day",
                "baseline": 45000,
                "target": 5000,
                "direction": "lower",
            },
            {
                "name": "pharmacy check time",
                "unit": "seconds per sale",
                "baseline": 60,
                "target": 15,
                "direction": "lower",
            },
            {
                "name": "stock mismatch reports",
                "unit": "reports per day",
                "baseline": 1200,
                "target": 100,
                "direction": "lower",
            },
        ],
        "created": "2020-03-03 16:00",
        "planned_start": "2020-03-06",
        "started_on": "2020-03-06",
        "iterations": [
            {
                "period_start": "2020-03-06",
                "period_end": "2020-03-08",
                "recorded": "2020-03-08 21:00",
                "changes": (
                    "Public-mask sales are recorded in the DUR system at every pharmacy: the pharmacist "
                    "enters the buyer's registration number, the screen shows what this person bought this "
                    "week in any pharmacy, and a sale beyond two masks per person per week is refused."
                ),
                "observations": (
                    "The rule was understood at once: 38,000 duplicate purchases were refused a day, against "
                    "an estimated 45,000 a day before the check (from sales records), and resale listings "
                    "online fell. Pharmacists reported fewer arguments at the counter once "
                    "the screen, not they, said no."
                ),
                "problems": (
                    "The system overloaded on the first morning: some 23,000 pharmacies opened at 9 a.m. and "
                    "queried at once, answers took minutes or timed out, and many pharmacies sold from paper "
                    "lists and entered the sales hours later. Stock figures stopped matching deliveries "
                    "because of those late entries. Foreign residents' registration numbers were rejected by "
                    "the input form."
                ),
                "decision": "adapt",
                "measurements": [38000, 95, 2400],
            },
            {
                "period_start": "2020-03-09",
                "period_end": "2020-03-15",
                "recorded": "2020-03-15 21:00",
                "joined": {
                    "partners": ["koreapost", "nonghyup"],
                    "sites": [
                        "Post offices in towns and townships without a pharmacy",
                        "NongHyup cooperative marts outside the capital area",
                    ],
                },
                "changes": (
                    "Birth-year rotation: people buy on the weekday that matches the last digit of their "
                    "birth year (1 and 6 on Monday, 2 and 7 on Tuesday, and so on), and anyone who missed "
                    "their day at the weekend, which spreads the morning peak over five days. Server "
                    "capacity was raised and queries now wait in a queue instead of failing.\n\n"
                    "Post offices and NongHyup cooperative marts joined the same purchase record. Foreign "
                    "residents' registration numbers are accepted, and parents can buy for young children."
                ),
                "observations": (
                    "A check took 18 seconds per sale, with no outage after the first Monday morning. "
                    "Duplicate attempts fell to 9,500 a day as people learned the rule, and queues shortened "
                    "because people came on their day."
                ),
                "problems": (
                    "Rural post offices sold out within minutes of opening and took the complaints. Stock "
                    "mismatches remained where sales were still entered late."
                ),
                "decision": "scale",
                "measurements": [9500, 18, 650],
            },
            {
                "period_start": "2020-03-16",
                "period_end": "2020-03-29",
                "recorded": "2020-03-29 20:00",
                "changes": (
                    "Stock per pharmacy is published as open data every few minutes, so apps and maps show "
                    "where masks are left. Sales entered late are reconciled automatically every night. "
                    "Proxy purchases extended to people over 80 and people with a long-term care grade."
                ),
                "observations": (
                    "12 seconds per check; stock mismatch reports fell below the target, and duplicate "
                    "attempts kept falling."
                ),
                "problems": (
                    "The open stock data lags by up to ten minutes, so at peak times people still find "
                    "empty pharmacies; older people without smartphones do not see the maps at all."
                ),
                "decision": "continue",
                "measurements": [2800, 12, 90],
            },
        ],
        "conclusion": {
            "on": "2020-04-15",
            "outcome": "standardised",
            "summary": (
                "Standardised. Duplicate purchase attempts fell from about 45,000 to under 3,000 a day, a check "
                "takes 12 seconds at the counter, and stock mismatch reports fell below 100 a day once late "
                "entries were reconciled every night. Post offices and NongHyup cooperative marts sell through "
                "the same purchase record. The Central Disaster and Safety Countermeasure Headquarters will "
                "publish the check as a standard operating model.\n\n"
                "Limits to carry into the model: the system needs queued queries and a birth-year rotation to "
                "survive the morning peak; the open stock data lags by up to ten minutes; older people without "
                "smartphones need proxy purchases and stock information by phone."
            ),
        },
    },
    # ------------------------------------------------------------------
    # A planned pilot, so a newcomer signed in as the pilot lead can start it and
    # record the first iteration themselves.
    # ------------------------------------------------------------------
    {
        "title": "Online questionnaire and QR check-in at the Chilgok screening clinic",
        "proposals": ["online-questionnaire"],
        "lead": "knuh",
        "actor": "pilotlead",
        "partners": [],
        "sites": ["Kyungpook National University Chilgok Hospital screening clinic (Daegu)"],
        "hypothesis": (
            "If people fill in the questionnaire online before they come and check in with a QR code, the "
            "time from arrival to sample will fall from about 25 to 10 minutes, and most questionnaires "
            "will arrive complete."
        ),
        "metrics": [
            {
                "name": "minutes from arrival to sample",
                "unit": "minutes",
                "baseline": 25,
                "target": 10,
                "direction": "lower",
            },
            {
                "name": "questionnaires completed before arrival",
                "unit": "%",
                "baseline": 0,
                "target": 60,
                "direction": "higher",
            },
        ],
        "created": 8,
        "planned_start": 6,
    },
]
