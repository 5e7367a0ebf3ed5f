"""Demo content: challenges and proposals that tell the stories of DESIGN.md section 1.

Plain data only; ``load_demo_data`` turns it into accounts, proposals, supports and
comments. Everything here is invented for the demo: no real private individuals, phone
numbers or e-mail addresses.

Each proposal is a dict with:
  key, lang ("en"/"ko"), title, problem, solution, expected_benefit, affected_people,
  expertise_statement, category, region, author, supports,
  comments (list of (commenter_key, text)), status ("submitted", "draft", "withdrawn"),
  optionally challenge (a challenge key), and when it was submitted: days_ago (relative
  to today, so that response deadlines fall due as the triage dashboard is looked at) or,
  for the proposals whose pilots ran on real dates in 2020, submitted_on ("YYYY-MM-DD
  HH:MM", in Korea).
Keys ending in "-dup" are near-duplicates of another proposal, written by someone else,
so the similar-proposals feature has something to show.

TRIAGE, at the end, is what officials, field experts and authors did with them next.
"""

from __future__ import annotations

CHALLENGES: list[dict] = [
    {
        "key": "screening-wait",
        "owner": "kdca",
        "days_left": 21,
        "title_en": "Reduce waiting time at screening clinics",
        "title_ko": "선별진료소 대기 시간을 줄여 주세요",
        "description_en": (
            "At busy screening clinics people wait one to three hours outdoors, often next to "
            "others who may be infected, and each visit takes about 30 minutes of staff time in "
            "full protective equipment. Long queues discourage people with mild symptoms from "
            "getting tested at all, and staff rotations are stretched to the limit.\n\n"
            "We are looking for practical ideas that cut the time from arrival to sample "
            "collection without lowering sample quality or staff safety: changes to registration, "
            "questionnaires, site layout, booking or information about waiting times. Tell us how "
            "the idea could be tried at one clinic within two weeks, and how we would know it worked."
        ),
        "description_ko": (
            "사람이 몰리는 선별진료소에서는 시민들이 야외에서 1~3시간씩, 감염 가능성이 있는 다른 사람들과 "
            "가까이 서서 기다립니다. 방호복을 입은 의료진은 한 사람을 검사하는 데 약 30분을 쓰고 있습니다. "
            "대기가 길면 증상이 가벼운 분들은 아예 검사를 포기하고, 의료진의 교대 근무도 한계에 가까워집니다.\n\n"
            "검체의 질과 의료진의 안전을 지키면서 도착부터 검체 채취까지의 시간을 줄일 수 있는 현실적인 "
            "아이디어를 찾습니다. 접수, 문진, 진료소 배치, 예약, 대기 정보 안내 등 무엇이든 좋습니다. "
            "한 곳의 진료소에서 2주 안에 시험해 볼 수 있는 방법과, 효과를 무엇으로 확인할지 함께 적어 주세요."
        ),
    },
    {
        "key": "masks-without-queues",
        "owner": "seoul",
        "days_left": 12,
        "title_en": "Help older residents get public masks without queuing",
        "title_ko": "어르신들이 줄 서지 않고 공적 마스크를 받을 수 있도록 도와주세요",
        "description_en": (
            "Since public masks went on sale through pharmacies, queues of 50 to 100 people form "
            "before opening time. Residents over 65, people with disabilities and people with "
            "chronic illness stand in the cold for an hour or more, in crowds that put them at "
            "the greatest risk, and often leave empty-handed when stock runs out.\n\n"
            "Seoul invites residents, pharmacists, community centres and neighbourhood groups to "
            "propose ways for these residents to get their weekly masks safely: by appointment, "
            "by delivery, through community centres, or by any other route that does not depend "
            "on standing in line or on using a smartphone. Ideas that can start in one district "
            "first are especially welcome."
        ),
        "description_ko": (
            "공적 마스크가 약국에서 판매되기 시작한 뒤로, 문을 열기 전부터 50~100명씩 줄을 서고 있습니다. "
            "65세 이상 어르신, 장애인, 만성질환자분들이 추운 날씨에 한 시간 넘게, 그것도 가장 위험한 "
            "인파 속에서 기다리다가 재고가 떨어져 빈손으로 돌아가시는 일이 잦습니다.\n\n"
            "서울시는 시민, 약사, 주민센터, 동네 모임이 함께 이분들이 매주 마스크를 안전하게 받을 수 있는 "
            "방법을 제안해 주시기를 바랍니다. 예약제, 배달, 주민센터를 통한 전달 등 줄 서기나 스마트폰 "
            "사용에 기대지 않는 방법이라면 무엇이든 좋습니다. 한 자치구에서 먼저 시작해 볼 수 있는 "
            "아이디어를 특히 환영합니다."
        ),
    },
    {
        "key": "care-homes-connected",
        "owner": "daegu",
        "days_left": -18,
        "title_en": "Keep care homes connected during lockdowns",
        "title_ko": "외부인 출입이 막힌 요양시설, 가족과의 연결을 지켜 주세요",
        "description_en": (
            "To protect residents, care homes and long-term care hospitals in Daegu have stopped "
            "all family visits. Many residents live with dementia and do not understand why their "
            "families no longer come; staff report more anxiety, loss of appetite and faster "
            "decline. Families, for their part, cannot see how their parents are doing.\n\n"
            "Daegu asked for ideas that let residents and families stay in touch without bringing "
            "infection into the home: video calls, safe visiting spaces, regular updates from "
            "staff, or help for homes with little equipment or few staff. This call is now closed; "
            "the proposals received are being reviewed with care-home operators."
        ),
        "description_ko": (
            "입소자 보호를 위해 대구의 요양원과 요양병원은 가족 면회를 전면 중단했습니다. 치매가 있는 "
            "어르신들은 왜 가족이 오지 않는지 이해하지 못하시고, 종사자들은 불안, 식욕 저하, 빠른 기능 "
            "저하를 호소합니다. 가족들 역시 부모님의 상태를 직접 확인할 길이 없습니다.\n\n"
            "대구시는 감염 위험을 시설 안으로 들이지 않으면서 입소자와 가족이 연결될 수 있는 방법을 "
            "공모했습니다. 영상 통화, 안전한 면회 공간, 종사자의 정기 소식 전달, 장비나 인력이 부족한 "
            "시설 지원 등입니다. 공모는 마감되었으며, 접수된 제안은 시설 운영자들과 함께 검토하고 있습니다."
        ),
    },
]


PROPOSALS: list[dict] = [
    # ------------------------------------------------------------------
    # The four stories (English)
    # ------------------------------------------------------------------
    {
        "key": "drive-through",
        "lang": "en",
        "title": "Drive-through COVID-19 screening clinics: test people while they stay in their cars",
        "problem": (
            "Our screening clinic sees more than 300 people a day. Each person walks into a tent, "
            "fills in a paper questionnaire at a shared desk, waits next to other people who may be "
            "infected, and is swabbed in a booth that we then have to disinfect and air out before "
            "the next person can come in. One full cycle takes about 30 minutes per person, and most "
            "of that time is cleaning and waiting, not medicine.\n\n"
            "Staff in full protective equipment meet every visitor in a closed space. We are short of "
            "gowns and of people: when one nurse is exposed, a whole shift goes into quarantine."
        ),
        "solution": (
            "Let people stay in their cars. In a large car park, set up one lane with four stations: "
            "(1) registration: ID and phone number taken through a half-open window; (2) questionnaire "
            "and temperature: symptoms and travel history asked verbally or on a tablet held to the "
            "window, temperature with a non-contact thermometer; (3) a short consultation with a "
            "doctor; (4) sample collection: nose and throat swabs taken through the window. The "
            "window closes between stations, the person drives off, and results come by text message.\n\n"
            "The car becomes the isolation room. Staff change outer gloves and wipe down between cars, "
            "but there is no room to disinfect and ventilate after every person. I suggest starting "
            "with one lane for a week, measuring minutes per person, and adding lanes if it works."
        ),
        "expected_benefit": (
            "We estimate about 10 minutes per person instead of about 30, so one lane could test two "
            "to three times as many people with the same staff. Contact happens outdoors through an "
            "open window, so staff exposure drops, and fewer gowns are used per test. People waiting "
            "are never mixed together, so the clinic stops being a place where infection spreads.\n\n"
            "It can be measured: minutes from entry to exit, people tested per staff hour, gowns used "
            "per 100 tests, and staff infections."
        ),
        "affected_people": (
            "People with symptoms or contact with a confirmed case who can come by car; screening "
            "clinic staff; neighbours of the site.\n\n"
            "Limits: people without a car cannot use it and need a walk-in alternative; the site needs "
            "a lot of open space for queues of cars and traffic control, staff toilets and rest areas, "
            "and a safe place to store medical waste; cold and rain are hard on staff working outside."
        ),
        "expertise_statement": (
            "Emergency physician at a university hospital in Daegu for 12 years; I have run our "
            "hospital's screening clinic since the first cases in the city."
        ),
        "category": "testing",
        "region": "daegu",
        "author": "physician",
        "submitted_on": "2020-02-20 08:15",
        "supports": 320,
        "comments": [
            (
                "nurse",
                "I work in our public health centre's screening tent. If we do this, please plan "
                "rotations of two hours at most: outdoors in full PPE in February your hands go numb "
                "after an hour and swab quality suffers. We need a heated rest space next to the lane.",
            ),
            (
                "citizen1",
                "What about people who don't drive? My mother is 78 and has no car. Would she have to "
                "take a taxi and put the driver at risk?",
            ),
            (
                "official_citizen",
                "From the local-government side: a queue of cars backing onto a main road is a real "
                "risk. You would need traffic officers, signs about 500 m ahead and ideally booked "
                "time slots to spread arrivals over the day.",
            ),
            (
                "citizen4",
                "Could people who arrive in the same car, e.g. a family, be tested together at one stop?",
            ),
        ],
        "status": "submitted",
    },
    {
        "key": "mask-check",
        "lang": "en",
        "title": "Record public-mask purchases in the DUR system so pharmacies can refuse duplicates",
        "problem": (
            "Every morning a queue forms outside my pharmacy an hour before we open, and our daily "
            "allocation of public masks is gone within 40 minutes. I regularly see the same people "
            "return after buying at the pharmacy down the street, and masks bought this way appear "
            "online at four or five times the price. We have no way to know whether someone already "
            "bought their share elsewhere today.\n\n"
            "The result is hoarding, resale, and angry arguments at the counter. Older people who "
            "cannot queue for an hour go home with nothing."
        ),
        "solution": (
            "Every pharmacy already uses the drug-utilisation review (DUR) system to check "
            "prescriptions for duplicates in real time. Add public masks as an item in it: the "
            "pharmacist checks the buyer's ID card, enters the ID number, and the system shows how "
            "many masks this person has bought this week, in any pharmacy. If the weekly quota "
            "(for example two masks per person) is used up, the sale is refused.\n\n"
            "Allow one family member to buy for children and older relatives on presentation of a "
            "family certificate. Later, connect post offices and agricultural cooperatives that also "
            "sell public masks to the same record."
        ),
        "expected_benefit": (
            "Rationing becomes fair: one person, one weekly share, wherever they buy it. Hoarding and "
            "resale stop paying off, and queues shorten because people no longer do the rounds of "
            "several pharmacies. Because every sale is recorded, stock per pharmacy could be "
            "published so people know where masks are left.\n\n"
            "A risk to plan for: if over 20,000 pharmacies start querying at 9 a.m. on the same day "
            "the system may be overloaded. Test the load beforehand, keep a paper fallback, and expect "
            "stock figures not to match at first."
        ),
        "affected_people": (
            "Everyone who needs masks, and above all older people and people with chronic illness who "
            "cannot queue; pharmacists and pharmacy staff, who currently take the anger; foreign "
            "residents, who need to be able to use an alien registration card instead of a resident "
            "ID."
        ),
        "expertise_statement": (
            "Community pharmacist for 15 years in a residential neighbourhood of Seoul; I use DUR "
            "dozens of times a day."
        ),
        "category": "supply-chain",
        "region": "nationwide",
        "author": "pharmacist",
        "submitted_on": "2020-02-28 09:00",
        "supports": 280,
        "comments": [
            (
                "citizen2",
                "Please don't forget foreign residents. My colleague has an alien registration card and "
                "was turned away last week because the form only accepted resident numbers.",
            ),
            (
                "official_citizen",
                "Whatever system is used, please load-test the morning peak. All pharmacies open at "
                "the same time, so the first 30 minutes will carry most of the traffic.",
            ),
            (
                "citizen5",
                "Can I buy for my parents if they live in a different city? They can't queue.",
            ),
        ],
        "status": "submitted",
    },
    {
        "key": "case-map",
        "lang": "en",
        "title": "Publish confirmed-case movement data as open, machine-readable data, not only as PDFs",
        "problem": (
            "Local governments publish where confirmed cases went as press releases and PDF files, "
            "each in its own format. To see whether anyone infected visited my neighbourhood I have "
            "to open a dozen PDFs from different city and district sites. Developers who want to "
            "build maps have to copy the data by hand, which is slow and introduces mistakes."
        ),
        "solution": (
            "Publish the same information as open data: one CSV and JSON file per day, in one format "
            "nationwide, with fields such as case number, date, time window, place type, place name "
            "and address of public places, district, and whether the place has been disinfected. "
            "No personal details: no age, sex, job, home address or anything that identifies a person.\n\n"
            "Offer a simple API with a stable address, and announce changes to the format in advance. "
            "Students and developers can then build maps and alerts within a day."
        ),
        "expected_benefit": (
            "People can check places near them in seconds instead of reading PDFs, and many "
            "independent apps and maps can reuse one official source instead of copying it. Errors "
            "fall because nobody retypes data.\n\n"
            "Note from experience: a popular map can get millions of visits on its first day and go "
            "down under the load. The official data should be served from a cache or CDN, so that "
            "apps built on it do not bring down the government site too."
        ),
        "affected_people": (
            "Everyone who wants to know about exposure near them; developers, journalists and "
            "researchers; local governments that currently answer the same questions by phone. "
            "People without smartphones still need the information on TV, radio and text messages."
        ),
        "expertise_statement": "",
        "category": "information",
        "region": "nationwide",
        "author": "student",
        "days_ago": 115,
        "supports": 190,
        "comments": [
            (
                "citizen3",
                "Please be careful with small villages. Even without names, 'a man in his 40s who "
                "works at X' is enough to identify someone there.",
            ),
            (
                "official_citizen",
                "Good idea. A single national format would also save our staff from answering "
                "hundreds of calls a day asking for the same list.",
            ),
        ],
        "status": "submitted",
    },
    {
        "key": "remote-work",
        "lang": "en",
        "title": "Remote-work and staggered-hours guidelines for public offices during outbreaks",
        "problem": (
            "Government offices are some of the most crowded workplaces in the city: open-plan floors, "
            "shared lifts at 9 a.m., and lunch in one canteen. When one civil servant tests positive, "
            "a whole floor is closed and services stop. Each office is improvising its own rules, so "
            "some send everyone home and others change nothing."
        ),
        "solution": (
            "Publish one guideline that every public office can apply within a day:\n\n"
            "1. Remote work by rotation, e.g. one third of each team at home each day, with VPN access "
            "and the online document-approval system available from home.\n"
            "2. Staggered hours: start times spread between 7:30 and 10:30 so lifts and canteens are "
            "not crowded; lunch in three shifts.\n"
            "3. A list of essential in-person services (civil petitions counters, welfare, disaster "
            "response) with protective measures, so these stay open.\n"
            "4. Meetings by video by default."
        ),
        "expected_benefit": (
            "Fewer people in the building at once, so one case does not close a whole department. "
            "Services continue during outbreaks. The private sector is more likely to follow if the "
            "government does it first. We can measure attendance per day, VPN capacity used, and "
            "how many offices had to close."
        ),
        "affected_people": (
            "Civil servants and public-institution staff and the citizens who rely on their "
            "services. Staff with young children benefit especially when schools are closed. Not "
            "every job can be done from home, and VPN licences and laptops are limited at first."
        ),
        "expertise_statement": "",
        "category": "working-practices",
        "region": "sejong",
        "author": "official_citizen",
        "days_ago": 97,
        "supports": 90,
        "comments": [
            (
                "citizen4",
                "Our office has 40 VPN licences for 300 staff. The guideline should say how to prioritise them.",
            ),
            (
                "nurse",
                "Please make sure public health centre staff are not forgotten: we can't work from "
                "home, but staggered shifts would really help us.",
            ),
        ],
        "status": "submitted",
    },
    # ------------------------------------------------------------------
    # The four stories (Korean originals)
    # ------------------------------------------------------------------
    {
        "key": "drive-through-ko",
        "lang": "ko",
        "title": "차에 탄 채로 검사받는 ‘드라이브 스루’ 선별진료소 도입을 제안합니다",
        "problem": (
            "현재 선별진료소는 검사 대상자가 직접 걸어 들어와 문진표를 작성하고, 다른 의심 환자들과 함께 "
            "대기한 뒤 검체를 채취하는 방식입니다. 한 명이 검사를 마칠 때마다 진료 공간을 소독하고 환기해야 "
            "하므로 1인당 30분 가까이 걸리고, 대기 공간 자체가 감염 위험 장소가 되고 있습니다.\n\n"
            "방호복을 입은 의료진은 밀폐된 공간에서 모든 방문자와 접촉합니다. 한 명이라도 노출되면 "
            "근무조 전체가 격리되어 진료소 운영이 어려워집니다."
        ),
        "solution": (
            "검사 대상자가 차에서 내리지 않은 채 검사를 받도록 하는 방식입니다. 넓은 주차장에 접수, 문진 및 "
            "체온 측정, 진료, 검체 채취의 네 단계 창구를 차례로 두고, 차량 창문을 통해 각 절차를 진행합니다. "
            "검사가 끝나면 바로 귀가하고 결과는 문자로 알려 드립니다.\n\n"
            "차량이 곧 격리 공간이 되므로 한 명마다 진료실을 소독할 필요가 없습니다. 우선 한 개 차로로 "
            "일주일간 시범 운영하여 1인당 소요 시간을 측정해 볼 것을 제안드립니다."
        ),
        "expected_benefit": (
            "1인당 검사 시간이 약 30분에서 10분 안팎으로 줄어, 같은 인력으로 두세 배 많은 분을 검사할 수 "
            "있을 것으로 예상합니다. 야외에서 창문을 사이에 두고 접촉하므로 의료진 감염 위험과 방호복 "
            "소모도 줄어듭니다."
        ),
        "affected_people": (
            "자가용으로 방문할 수 있는 검사 대상자, 선별진료소 의료진, 진료소 인근 주민이 해당됩니다. "
            "다만 차가 없는 분들은 이용할 수 없어 별도의 도보 검사 방안이 필요하고, 차량 대기 공간과 "
            "교통 통제, 의료폐기물 보관 장소가 확보되어야 합니다."
        ),
        "expertise_statement": "대학병원 응급의학과 전문의로 12년간 근무했으며, 현재 병원 선별진료소를 운영하고 있습니다.",
        "category": "testing",
        "region": "daegu",
        "author": "physician",
        "submitted_on": "2020-02-19 21:40",
        "supports": 58,
        "comments": [
            (
                "nurse",
                "현장에서 일해 보면 겨울철 야외 근무가 가장 힘듭니다. 의료진 휴게 공간과 난방 대책도 꼭 함께 검토해 주세요.",
            ),
            ("citizen3", "차가 없는 어르신들은 어떻게 검사받나요? 보완책이 같이 나왔으면 합니다."),
        ],
        "status": "submitted",
    },
    {
        "key": "mask-check-ko",
        "lang": "ko",
        "title": "공적 마스크 중복 구매를 막기 위해 DUR 시스템에 구매 이력을 기록해 주십시오",
        "problem": (
            "약국 앞에는 매일 아침 개점 한 시간 전부터 긴 줄이 생기고, 배정된 마스크는 40분이면 "
            "동이 납니다. 이미 다른 약국에서 구매한 분이 다시 줄을 서도 확인할 방법이 없고, 이렇게 "
            "모인 마스크가 인터넷에서 몇 배 가격에 되팔리고 있습니다. 정작 줄을 오래 설 수 없는 "
            "어르신들은 빈손으로 돌아가십니다."
        ),
        "solution": (
            "모든 약국이 이미 사용하고 있는 의약품안심서비스(DUR)에 공적 마스크 항목을 추가할 것을 "
            "제안드립니다. 약사가 신분증을 확인하고 주민등록번호를 입력하면 이번 주 구매 수량이 조회되어, "
            "주간 구매 한도를 넘는 경우 판매를 거절할 수 있습니다.\n\n"
            "어린이와 거동이 불편한 어르신은 가족관계 확인 후 대리 구매를 허용하고, 이후 우체국과 "
            "농협 판매처도 같은 기록에 연결하면 좋겠습니다."
        ),
        "expected_benefit": (
            "어디서 사든 1인당 주간 수량이 지켜지므로 배분이 공정해지고, 사재기와 되팔기가 줄어듭니다. "
            "여러 약국을 돌며 줄 서는 일이 없어져 대기 줄도 짧아질 것입니다. 다만 시행 첫날 전국 약국이 "
            "동시에 조회하면 시스템에 과부하가 걸릴 수 있으므로 사전 점검과 비상시 수기 기록 방안이 필요합니다."
        ),
        "affected_people": (
            "마스크가 필요한 모든 국민, 특히 어르신과 만성질환자, 그리고 현장에서 항의를 감당하고 있는 "
            "약사와 약국 직원들입니다. 외국인등록증 소지자도 구매할 수 있도록 해야 합니다."
        ),
        "expertise_statement": "15년째 주택가에서 약국을 운영하고 있는 약사입니다.",
        "category": "supply-chain",
        "region": "nationwide",
        "author": "pharmacist",
        "submitted_on": "2020-02-26 22:10",
        "supports": 47,
        "comments": [
            ("citizen1", "정말 필요한 제안입니다. 저희 동네 약국도 매일 실랑이가 벌어집니다."),
            ("official_citizen", "시행 초기 조회 폭주에 대비해 단계적으로 여는 방안도 검토되면 좋겠습니다."),
        ],
        "status": "submitted",
    },
    {
        "key": "case-map-ko",
        "lang": "ko",
        "title": "확진자 이동 경로를 PDF가 아닌 기계가 읽을 수 있는 공공데이터로 공개해 주세요",
        "problem": (
            "지금은 확진자 이동 경로가 지자체마다 다른 형식의 보도자료와 PDF로만 공개됩니다. 우리 동네에 "
            "확진자가 다녀갔는지 알려면 여러 시·구청 홈페이지를 일일이 찾아봐야 하고, 지도 서비스를 "
            "만들려는 개발자들은 자료를 손으로 옮겨 적어야 해서 시간도 오래 걸리고 오류도 생깁니다."
        ),
        "solution": (
            "같은 내용을 전국 공통 형식의 CSV·JSON 파일과 API로 매일 공개해 주시기를 제안드립니다. "
            "확진자 번호, 방문 날짜와 시간대, 장소 유형과 공공장소의 이름·주소, 소독 여부 정도면 충분합니다. "
            "나이, 성별, 직업, 거주지처럼 개인을 알아볼 수 있는 정보는 넣지 않아야 합니다."
        ),
        "expected_benefit": (
            "누구나 공식 자료를 바탕으로 지도와 알림 서비스를 하루 만에 만들 수 있고, 시민들은 내 주변 "
            "정보를 바로 확인할 수 있습니다. 인기 있는 서비스는 첫날부터 접속이 폭주해 서버가 멈출 수 있으니, "
            "공식 데이터도 캐시를 거쳐 안정적으로 제공되었으면 합니다."
        ),
        "affected_people": (
            "주변 감염 위험을 확인하고 싶은 모든 시민, 개발자와 언론, 연구자, 그리고 같은 문의 전화에 "
            "답하느라 바쁜 지자체 담당자들입니다."
        ),
        "expertise_statement": "",
        "category": "information",
        "region": "nationwide",
        "author": "student",
        "days_ago": 116,
        "supports": 36,
        "comments": [
            ("citizen3", "작은 마을에서는 이름이 없어도 누군지 다 압니다. 공개 범위를 신중히 정해 주세요."),
        ],
        "status": "submitted",
    },
    {
        "key": "remote-work-ko",
        "lang": "ko",
        "title": "감염병 유행 시 공공기관 재택근무·시차출퇴근 공통 지침을 마련해 주십시오",
        "problem": (
            "공공기관 사무실은 개방형 사무 공간, 출근 시간대의 붐비는 엘리베이터, 한 곳뿐인 구내식당 등 "
            "밀집도가 높은 근무 환경입니다. 직원 한 명이 확진되면 층 전체가 폐쇄되어 민원 업무가 멈추는데, "
            "기관마다 기준이 제각각이라 혼란이 큽니다."
        ),
        "solution": (
            "모든 공공기관이 바로 적용할 수 있는 공통 지침을 제안드립니다. 첫째, 부서별 3분의 1 순환 "
            "재택근무와 원격접속(VPN) 및 전자결재 환경 제공. 둘째, 출근 시각을 7시 30분부터 10시 30분까지 "
            "분산하고 점심시간도 3교대로 운영. 셋째, 민원 창구·복지·재난 대응 등 대면이 꼭 필요한 업무 "
            "목록과 방역 수칙을 정해 서비스를 유지. 넷째, 회의는 원칙적으로 영상으로 진행."
        ),
        "expected_benefit": (
            "동시에 출근하는 인원이 줄어 확진자가 나와도 부서 전체가 멈추지 않고, 공공서비스가 계속 "
            "유지됩니다. 정부가 먼저 실천하면 민간 기업의 참여도 늘어날 것입니다."
        ),
        "affected_people": (
            "공무원과 공공기관 직원, 그리고 이들의 서비스를 이용하는 시민들입니다. 휴교 기간 자녀를 둔 "
            "직원에게 특히 도움이 됩니다. 다만 모든 업무를 재택으로 할 수는 없으며, 초기에는 VPN과 "
            "노트북이 부족할 수 있습니다."
        ),
        "expertise_statement": "",
        "category": "working-practices",
        "region": "sejong",
        "author": "official_citizen",
        "days_ago": 98,
        "supports": 24,
        "comments": [
            ("citizen1", "민원 창구 직원들에게 가림막과 마스크가 충분히 지급되는지도 지침에 넣어 주세요."),
        ],
        "status": "submitted",
    },
    # ------------------------------------------------------------------
    # Testing and diagnosis
    # ------------------------------------------------------------------
    {
        "key": "walk-through",
        "lang": "en",
        "title": "Walk-through screening booths for people without cars",
        "problem": (
            "Drive-through screening works well, but only for people who have a car. In my district "
            "many older people, students and low-income residents don't drive. They either wait in "
            "the old tent clinic or take a taxi or bus while possibly infected."
        ),
        "solution": (
            "Build small walk-through screening booths, like phone boxes: the person stands outside, "
            "and the health worker stays inside a sealed booth with positive pressure and takes the "
            "swab through gloves fixed in the wall. After each person only the outside glove "
            "surface and the floor need wiping, which takes about a minute. Put them next to "
            "stations and bus stops, with marked spots two metres apart for the queue."
        ),
        "expected_benefit": (
            "People without cars get the same fast, low-contact screening. I have read that a booth "
            "can take a sample in under 5 minutes. Staff would not need a full gown change per person."
        ),
        "affected_people": "People without cars, older residents, students, and screening staff.",
        "expertise_statement": "",
        "category": "testing",
        "region": "seoul",
        "author": "citizen2",
        "days_ago": 88,
        "supports": 142,
        "comments": [
            ("nurse", "Booths like this are very hot inside in summer. Please include air conditioning in the design."),
            ("citizen3", "Wheelchair users need a lower glove height. Please test it with them."),
        ],
        "status": "submitted",
    },
    {
        "key": "walk-through-dup",
        "lang": "en",
        "title": "Screening booths you can walk up to, for residents who don't drive",
        "problem": (
            "The new drive-through screening clinic near us is great if you have a car. I don't, and "
            "neither do most of my neighbours in our apartment block. The walk-in clinic had a two-hour "
            "queue yesterday."
        ),
        "solution": (
            "Please set up walk-in booths where the nurse is behind glass and takes the sample through "
            "built-in gloves, so people without cars can be screened quickly too. A car park or square "
            "near the subway would be enough space."
        ),
        "expected_benefit": "Shorter queues and fair access to screening for people without cars.",
        "affected_people": "Residents without cars, especially older people and families without a driver.",
        "expertise_statement": "",
        "category": "testing",
        "region": "gyeonggi",
        "author": "citizen4",
        "days_ago": 81,
        "supports": 17,
        "comments": [],
        "status": "submitted",
    },
    {
        "key": "clinic-wait-board",
        "lang": "ko",
        "title": "선별진료소별 실시간 대기 인원과 예상 대기 시간을 공개해 주세요",
        "problem": (
            "어느 선별진료소가 붐비는지 알 수 없어서 무작정 가까운 곳으로 갔다가 두 시간을 기다렸습니다. "
            "같은 시간에 차로 15분 거리의 다른 진료소는 거의 비어 있었다고 합니다."
        ),
        "solution": (
            "각 선별진료소 접수 담당자가 30분마다 대기 인원을 입력하면, 보건소 누리집과 지도 앱에 "
            "진료소별 대기 인원과 예상 대기 시간이 표시되도록 해 주세요. 입력은 버튼 몇 번이면 되도록 "
            "간단해야 현장 부담이 적습니다. 자료는 공공데이터로도 열어 두면 민간 지도 앱에서도 보여 줄 수 있습니다."
        ),
        "expected_benefit": (
            "검사 대상자가 분산되어 특정 진료소에 몰리는 현상이 줄고, 야외 대기 시간도 짧아집니다. "
            "진료소별 평균 대기 시간을 비교하면 효과를 바로 확인할 수 있습니다."
        ),
        "affected_people": "검사를 받으러 가는 시민과 선별진료소 의료진, 접수 인력",
        "expertise_statement": "",
        "category": "testing",
        "region": "seoul",
        "author": "citizen1",
        "days_ago": 25,
        "supports": 64,
        "comments": [
            ("nurse", "접수 인력이 이미 부족합니다. 입력 작업은 키오스크 번호표 발급 수로 자동 집계되면 좋겠습니다."),
            ("student", "데이터 형식만 정해 주시면 지도에 표시하는 건 금방 만들 수 있을 것 같아요."),
        ],
        "status": "submitted",
        "challenge": "screening-wait",
    },
    {
        "key": "online-questionnaire",
        "lang": "ko",
        "title": "선별진료소 문진표를 미리 온라인으로 작성하고 QR코드로 접수하게 해 주세요",
        "problem": (
            "선별진료소에 도착하면 종이 문진표를 받아 같은 볼펜으로 작성하고, 접수 직원이 그 내용을 "
            "다시 컴퓨터에 입력합니다. 현장에서 지켜본 바로는 접수와 문진에만 1인당 7~10분이 걸리고, "
            "어르신들은 글씨가 작아 작성에 더 오래 걸리십니다."
        ),
        "solution": (
            "집이나 대기 줄에서 휴대전화로 문진표(증상, 해외 방문력, 접촉 여부, 연락처)를 미리 작성하면 "
            "QR코드가 발급되고, 접수 창구에서 QR코드만 찍으면 바로 전산에 입력되도록 해 주십시오. "
            "스마트폰이 없는 분들을 위해 종이 문진표와 대필 도우미는 그대로 유지합니다."
        ),
        "expected_benefit": (
            "접수·문진 시간을 1인당 2~3분 수준으로 줄이고, 펜과 종이를 통한 접촉도 없앨 수 있습니다. "
            "입력 오류가 줄어 결과 통보도 빨라집니다."
        ),
        "affected_people": "선별진료소 방문자, 접수·행정 인력, 스마트폰 사용이 어려운 어르신(대체 수단 필요)",
        "expertise_statement": "보건소에서 선별진료소 접수와 문진을 맡고 있는 간호사입니다.",
        "category": "testing",
        "region": "daegu",
        "author": "nurse",
        "days_ago": 14,
        "supports": 51,
        "comments": [
            ("citizen3", "외국인 노동자들도 쓸 수 있게 여러 언어로 만들어 주세요."),
        ],
        "status": "submitted",
        "challenge": "screening-wait",
    },
    {
        "key": "island-testing",
        "lang": "ko",
        "title": "여객선이 하루 한두 번뿐인 섬 주민을 위한 이동 검사팀 운영",
        "problem": (
            "저희 면에는 유인도가 20개 넘게 있고, 대부분 여객선이 하루 한두 번 다닙니다. 의심 증상이 있어도 "
            "검사를 받으려면 배를 타고 나와 읍내 보건소까지 가야 하는데, 그 과정에서 다른 승객과 접촉하게 "
            "되고 돌아가는 배를 놓치면 뭍에서 하룻밤을 묵어야 합니다. 그래서 많은 어르신들이 검사를 미루십니다."
        ),
        "solution": (
            "보건소 행정선이나 병원선에 검체 채취 장비를 싣고 요일별로 섬을 돌며 검사하는 이동 검사팀을 "
            "운영해 주십시오. 섬마다 보건진료소나 이장님을 통해 전날까지 검사 희망자를 받으면 하루에 "
            "3~4개 섬을 돌 수 있습니다. 급한 경우에는 보건진료소 간호사가 검체를 채취해 배편으로 보내는 "
            "방법도 함께 마련되었으면 합니다."
        ),
        "expected_benefit": "섬 주민의 검사 접근성이 높아지고, 배 안에서의 접촉과 확산 위험이 줄어듭니다.",
        "affected_people": "전남 도서 지역 주민, 특히 고령 주민과 보건진료소 인력",
        "expertise_statement": "",
        "category": "testing",
        "region": "jeonnam",
        "author": "citizen3",
        "days_ago": 29,
        "supports": 38,
        "comments": [
            (
                "physician",
                "검체는 채취 후 냉장 상태로 보관·운송해야 합니다. 배편 시간과 검사기관 접수 마감을 맞추는 게 관건일 것 같습니다.",
            ),
        ],
        "status": "submitted",
    },
    {
        "key": "pooled-care-staff",
        "lang": "en",
        "title": "Regular pooled testing of care-home staff to catch cases before they spread",
        "problem": (
            "Most care-home outbreaks start with a staff member who has no symptoms. Testing every "
            "worker individually every week is too expensive and too slow for labs that are already "
            "at capacity, so in practice staff are only tested after a resident falls ill, when it "
            "is too late."
        ),
        "solution": (
            "Use pooled testing: combine samples from 5 to 10 staff members into one test. If the pool "
            "is negative, everyone is cleared; if positive, retest the individuals in that pool. In "
            "areas with few cases, most pools are negative, so a home with 60 staff needs around 8 to "
            "10 tests a week instead of 60. Start with care homes in the areas with the most cases."
        ),
        "expected_benefit": (
            "Earlier detection of infected staff, fewer outbreaks among the most vulnerable residents, "
            "and far fewer tests used. Track the number of outbreaks per 100 homes and lab tests used."
        ),
        "affected_people": (
            "Care-home residents and staff, and laboratories. Pooling works less well when many people "
            "are positive, so it should be switched off where case numbers are high."
        ),
        "expertise_statement": "",
        "category": "testing",
        "region": "gyeonggi",
        "author": "citizen5",
        "days_ago": 12,
        "supports": 73,
        "comments": [
            (
                "physician",
                "Pooling dilutes the sample, so very early infections with low viral load may be missed. Worth a validation study first.",
            ),
            (
                "citizen1",
                "Who pays for the tests - the care home or the state? Small homes can't afford weekly testing.",
            ),
        ],
        "status": "submitted",
    },
    # ------------------------------------------------------------------
    # Contact tracing
    # ------------------------------------------------------------------
    {
        "key": "qr-visitor-log",
        "lang": "en",
        "title": "Replace handwritten visitor lists with QR-code check-ins that delete themselves after 4 weeks",
        "problem": (
            "Restaurants, gyms and karaoke rooms now keep paper lists of visitors with names and phone "
            "numbers. Anyone at the counter can read them and take a photo; I have heard of people "
            "receiving messages from strangers who copied their number. Many people write fake names, "
            "so the lists are useless for tracing anyway."
        ),
        "solution": (
            "Let visitors check in by scanning a QR code with an app they already use. The venue only "
            "sees that a valid check-in happened; the visit record is stored encrypted, split between "
            "the app provider and a public body, and can only be joined by health authorities when "
            "tracing a case. Records are deleted automatically after 4 weeks. Keep a paper option for "
            "people without smartphones, with the list kept in a closed box."
        ),
        "expected_benefit": (
            "Accurate contact data, so tracers can reach visitors within hours rather than days. "
            "Privacy improves because no list of phone numbers lies on a counter."
        ),
        "affected_people": "Visitors and owners of high-risk venues, contact tracers, people without smartphones.",
        "expertise_statement": "",
        "category": "contact-tracing",
        "region": "nationwide",
        "author": "citizen2",
        "days_ago": 52,
        "supports": 156,
        "comments": [
            ("citizen3", "Older customers in my restaurant can't scan codes. Please keep the paper option simple."),
            (
                "student",
                "Splitting the data between two parties is a good idea. Would be great if the code were open source.",
            ),
        ],
        "status": "submitted",
    },
    {
        "key": "safe-call",
        "lang": "ko",
        "title": "스마트폰 없이도 가능한 ‘전화 한 통 출입 기록’ 도입을 제안합니다",
        "problem": (
            "QR코드 출입 인증은 스마트폰 사용이 서툰 어르신들께 어렵고, 수기 출입명부는 전화번호가 "
            "그대로 노출되어 개인정보 유출 걱정이 큽니다. 저희 가게 손님 중 절반 이상이 60대 이상이라 "
            "매번 대신 써 드리고 있습니다."
        ),
        "solution": (
            "업소마다 고유 전화번호를 하나씩 부여하고, 손님이 입장할 때 그 번호로 전화를 걸면 자동으로 "
            "끊기면서 방문 기록이 남도록 하는 방식을 제안드립니다. 통화 요금은 무료로 하고, 기록은 "
            "4주 후 자동 삭제합니다. 역학조사가 필요할 때만 방역 당국이 조회할 수 있게 하면 됩니다."
        ),
        "expected_benefit": (
            "피처폰을 쓰는 어르신도 몇 초 만에 출입 기록을 남길 수 있고, 수기 명부의 개인정보 노출 "
            "문제도 사라집니다. 업주가 명부를 관리하는 부담도 줄어듭니다."
        ),
        "affected_people": "소상공인, 어르신 등 스마트폰 사용이 어려운 이용자, 역학조사 담당자",
        "expertise_statement": "",
        "category": "contact-tracing",
        "region": "gyeonggi",
        "author": "citizen1",
        "days_ago": 16,
        "supports": 117,
        "comments": [
            ("official_citizen", "시 차원에서 번호를 일괄 발급하면 예산도 크지 않을 것 같습니다. 좋은 제안입니다."),
            ("citizen5", "전화를 아예 쓰지 못하는 분들을 위한 방법도 필요합니다."),
        ],
        "status": "submitted",
    },
    {
        "key": "bus-seat-tracing",
        "lang": "en",
        "title": "Print seat numbers on every intercity bus ticket so passengers near a case can be traced",
        "problem": (
            "When a confirmed case travelled by intercity or express bus, tracers have to contact "
            "every passenger on the bus, sometimes 40 people, because card-paid tickets at some "
            "terminals do not record a seat. Passengers who paid in cash cannot be found at all."
        ),
        "solution": (
            "Require seat assignment for every intercity bus ticket, including on-board and cash "
            "sales, and keep the ticket record (seat, phone number if given) for 4 weeks. Tracers "
            "can then contact the passengers in the two rows around the case first."
        ),
        "expected_benefit": (
            "Faster, more targeted tracing: fewer people quarantined unnecessarily, and those really "
            "at risk reached the same day."
        ),
        "affected_people": "Bus passengers, bus operators and terminals, contact tracers.",
        "expertise_statement": "",
        "category": "contact-tracing",
        "region": "nationwide",
        "author": "citizen4",
        "days_ago": 63,
        "supports": 29,
        "comments": [],
        "status": "submitted",
    },
    {
        "key": "retired-tracers",
        "lang": "ko",
        "title": "퇴직 보건 공무원을 역학조사 지원 인력으로 등록해 활용해 주세요",
        "problem": (
            "확진자가 하루에 수십 명씩 나오면 보건소 역학조사 인력이 턱없이 부족해집니다. 접촉자에게 "
            "연락하는 데 하루 이틀씩 늦어지고, 그 사이 추가 전파가 일어납니다. 다른 부서 직원이 급히 "
            "투입되지만 교육이 부족해 조사 질이 떨어집니다."
        ),
        "solution": (
            "최근 5년 안에 퇴직한 보건직 공무원과 간호사 중 희망자를 미리 인력풀에 등록하고, 연 1회 "
            "온라인 교육을 제공해 주십시오. 유행 시에는 재택으로 접촉자 전화 조사와 자가격리자 모니터링을 "
            "맡기면 현장 인력은 현장 업무에 집중할 수 있습니다. 개인정보 보호 서약과 보안 접속 환경은 필수입니다."
        ),
        "expected_benefit": "접촉자 연락까지 걸리는 시간을 줄이고, 경험 있는 인력으로 조사의 질을 유지할 수 있습니다.",
        "affected_people": "보건소 역학조사 인력, 접촉자와 자가격리자, 퇴직 보건 인력",
        "expertise_statement": "",
        "category": "contact-tracing",
        "region": "nationwide",
        "author": "official_citizen",
        "days_ago": 58,
        "supports": 44,
        "comments": [
            ("nurse", "저희 보건소에도 도와주실 수 있는 퇴직 선배님들이 계십니다. 연락할 창구가 없을 뿐입니다."),
        ],
        "status": "submitted",
    },
    {
        "key": "exposure-self-check",
        "lang": "en",
        "title": "Let people check their own phone's location history against case locations, on the phone",
        "problem": (
            "Reading lists of places and times to work out whether I was there is tedious, and most people give up."
        ),
        "solution": (
            "An app that downloads the published case locations and compares them with the location "
            "history already stored on the phone, without sending anything anywhere. If there is a "
            "match it tells you and links to the nearest screening clinic.\n\n"
            "(still working on this - need to check how location history export works on different phones)"
        ),
        "expected_benefit": "More people find out they were exposed, and nothing about them leaves their phone.",
        "affected_people": "Smartphone users.",
        "expertise_statement": "",
        "category": "contact-tracing",
        "region": "nationwide",
        "author": "student",
        "days_ago": 9,
        "supports": 0,
        "comments": [],
        "status": "draft",
    },
    # ------------------------------------------------------------------
    # Information sharing
    # ------------------------------------------------------------------
    {
        "key": "sign-language",
        "lang": "en",
        "title": "Sign-language interpreting in every government COVID-19 briefing, on screen at full size",
        "problem": (
            "Deaf people rely on sign language, not subtitles: for many Korean Sign Language users "
            "written Korean is a second language. Some briefings have an interpreter, but TV channels "
            "often crop the interpreter out or show them in a tiny corner, and regional briefings "
            "frequently have none."
        ),
        "solution": (
            "Put a qualified sign-language interpreter next to the speaker at every national and "
            "regional briefing, and ask broadcasters to show the interpreter at a readable size (at "
            "least a sixth of the screen). Publish recordings with the interpreter and subtitles "
            "within an hour, and add a video-call line where Deaf people can ask questions in sign "
            "language."
        ),
        "expected_benefit": "Deaf people receive urgent health information at the same time as everyone else.",
        "affected_people": "Deaf and hard-of-hearing people and their families; broadcasters; local governments.",
        "expertise_statement": "",
        "category": "information",
        "region": "nationwide",
        "author": "citizen5",
        "days_ago": 93,
        "supports": 204,
        "comments": [
            (
                "official_citizen",
                "Our city has only two certified interpreters. Could interpreting be done remotely from a studio for smaller regions?",
            ),
            ("citizen1", "Subtitles too, please - many older people with hearing loss never learned sign language."),
        ],
        "status": "submitted",
    },
    {
        "key": "easy-read",
        "lang": "ko",
        "title": "발달장애인을 위한 ‘쉬운 정보’ 감염병 안내문을 만들어 주세요",
        "problem": (
            "저는 발달장애가 있는 20대 아들을 키우고 있습니다. 정부 안내문은 ‘자가격리’, ‘비말’, "
            "‘역학조사’ 같은 어려운 말이 많아 아들이 이해하지 못하고, 왜 복지관에 못 가는지 설명하기도 "
            "힘듭니다. 혹시 아들이 확진되면 어떻게 되는지 알려 주는 자료도 없습니다."
        ),
        "solution": (
            "짧은 문장과 그림으로 된 ‘쉬운 정보’ 안내문을 만들어 주십시오. 마스크 쓰는 법, 손 씻는 법, "
            "검사받는 과정, 격리 기간에 할 일, 도움을 요청하는 전화번호를 한 장씩 나누어 설명하면 좋겠습니다. "
            "만들 때 발달장애인 당사자가 직접 읽어 보고 이해되는지 확인하는 과정이 꼭 필요합니다."
        ),
        "expected_benefit": (
            "발달장애인이 스스로 방역 수칙을 이해하고 지킬 수 있게 되고, 검사나 격리 상황에서 불안이 "
            "줄어듭니다. 어르신, 이주민, 어린이에게도 도움이 될 것입니다."
        ),
        "affected_people": "발달장애인과 가족, 특수학교와 복지관 종사자, 글을 읽기 어려운 모든 분들",
        "expertise_statement": "",
        "category": "information",
        "region": "nationwide",
        "author": "citizen3",
        "days_ago": 71,
        "supports": 129,
        "comments": [
            ("nurse", "검사 과정을 그림으로 미리 보여 주면 검사할 때 훨씬 덜 무서워합니다. 현장에서도 꼭 필요합니다."),
            ("citizen1", "영상으로도 만들어 주시면 좋겠습니다."),
        ],
        "status": "submitted",
    },
    {
        "key": "migrant-languages",
        "lang": "en",
        "title": "Health guidance for migrant workers in their own languages, through the channels they actually use",
        "problem": (
            "I volunteer at a migrant workers' centre in Ansan. Official guidance arrives in Korean, "
            "sometimes in English and Chinese, weeks later. Workers from Vietnam, Nepal, Cambodia, "
            "Uzbekistan and Indonesia don't get the emergency text messages in a language they read. "
            "Many don't know that testing is free or that it will not affect their visa, so they stay "
            "away from clinics."
        ),
        "solution": (
            "Translate the key guidance (symptoms, free testing, where to go, quarantine rules, that "
            "immigration status is not checked at clinics) into at least 15 languages within 24 hours "
            "of each change. Share it through the community leaders, religious groups and chat groups "
            "that workers already trust, and let emergency text messages link to a page that opens in "
            "the phone's language."
        ),
        "expected_benefit": (
            "Migrant workers get tested earlier and follow quarantine rules, which protects their "
            "dormitories, factories and farms. We could measure tests among foreign residents per week."
        ),
        "affected_people": (
            "Around two million foreign residents, especially factory and farm workers living in shared "
            "dormitories; employers; local health centres."
        ),
        "expertise_statement": "",
        "category": "information",
        "region": "gyeonggi",
        "author": "citizen2",
        "days_ago": 66,
        "supports": 98,
        "comments": [
            (
                "official_citizen",
                "Could we reuse the interpreters of the national foreign residents' call centre for fast translation?",
            ),
            (
                "citizen4",
                "Undocumented workers are the most afraid. The 'no status check' message has to be very clear.",
            ),
        ],
        "status": "submitted",
    },
    {
        "key": "disaster-text",
        "lang": "ko",
        "title": "재난문자는 꼭 필요한 내용만, 개인 동선은 빼고 보내 주세요",
        "problem": (
            "하루에도 재난문자가 열 통 넘게 옵니다. 옆 동네 확진자의 식당 방문 시간까지 문자로 오다 보니 "
            "정작 중요한 안내는 묻혀 버리고, 주변 사람들은 알림을 꺼 버렸습니다. 또 ‘○○동 40대 남성’처럼 "
            "보내는 문자 때문에 동네에서 누군지 추측하는 일이 생겨 개인정보 침해가 걱정됩니다."
        ),
        "solution": (
            "재난문자는 행동이 필요한 내용(검사 대상 안내, 방역 수칙 변경)만 보내고, 확진자 동선은 "
            "누리집 링크로 대신해 주십시오. 성별, 나이, 거주 동 같은 개인 정보는 문자에 넣지 말고, "
            "발송 지역을 시·군·구 단위보다 더 좁게 나누어 해당 지역에만 보내면 좋겠습니다."
        ),
        "expected_benefit": "알림 피로가 줄어 중요한 안내를 놓치지 않게 되고, 확진자 신상 추측과 낙인도 줄어듭니다.",
        "affected_people": "재난문자를 받는 모든 시민, 확진자와 그 가족, 재난문자 발송 담당 공무원",
        "expertise_statement": "",
        "category": "information",
        "region": "nationwide",
        "author": "citizen1",
        "days_ago": 59,
        "supports": 176,
        "comments": [
            (
                "official_citizen",
                "발송 지역을 세분화하려면 통신사 기지국 단위 설정이 필요합니다. 기술적으로 검토해 볼 만합니다.",
            ),
            ("citizen3", "어르신들은 누리집 링크를 못 여십니다. 꼭 필요한 장소 정보는 문자에 남겨 주세요."),
        ],
        "status": "submitted",
    },
    {
        "key": "disaster-text-dup",
        "lang": "ko",
        "title": "안전안내문자가 너무 많습니다. 확진자 동선 문자를 줄여 주세요",
        "problem": (
            "밤낮 없이 울리는 안전안내문자 때문에 아이가 잠을 깹니다. 확진자 동선 문자가 대부분인데, "
            "개인정보가 너무 자세히 나와서 불편하기도 합니다."
        ),
        "solution": "재난문자에서 확진자 동선은 빼고 누리집에서 확인하게 하고, 밤 10시 이후에는 긴급한 문자만 보내 주세요.",
        "expected_benefit": "문자 피로가 줄고 개인정보도 보호됩니다.",
        "affected_people": "모든 시민",
        "expertise_statement": "",
        "category": "information",
        "region": "incheon",
        "author": "citizen5",
        "days_ago": 34,
        "supports": 12,
        "comments": [],
        "status": "submitted",
    },
    {
        "key": "clinic-open-data",
        "lang": "en",
        "title": "One open dataset of all screening clinics with opening hours, location and type",
        "problem": (
            "Every health centre lists its screening clinics differently, hours change often, and "
            "map apps show clinics that closed last week. I drove to one at 6 p.m. that had closed at 5."
        ),
        "solution": (
            "Keep one national dataset (CSV/JSON and API) of screening clinics: name, address, "
            "coordinates, type (walk-in, drive-through, walk-through booth), opening hours, weekend "
            "hours, whether it takes samples from children, and the date of the last update. Each "
            "health centre updates its own rows."
        ),
        "expected_benefit": "Map apps, portals and call centres all show the same correct information.",
        "affected_people": "Everyone looking for a test; health centres; app developers.",
        "expertise_statement": "",
        "category": "information",
        "region": "nationwide",
        "author": "student",
        "days_ago": 44,
        "supports": 67,
        "comments": [
            ("citizen2", "Please add wheelchair accessibility and whether an interpreter is available."),
        ],
        "status": "submitted",
    },
    # ------------------------------------------------------------------
    # Care capacity
    # ------------------------------------------------------------------
    {
        "key": "ventilator-sharing",
        "lang": "en",
        "title": "A regional board to share ventilators and ICU beds between hospitals in real time",
        "problem": (
            "During the surge in Daegu, some hospitals had no free ventilators while others 30 km "
            "away had several unused, and we found out by phoning around at night. Patients waited "
            "in emergency departments for hours, and a few were transferred to other provinces."
        ),
        "solution": (
            "A shared board, updated by each hospital every 4 hours, showing free ICU beds, ventilators, "
            "ECMO machines and the staff to run them. A regional coordinator (one on duty 24/7) assigns "
            "transfers and, when one hospital has spare machines and another has staff and beds, "
            "arranges a loan of equipment with a simple standard agreement covering maintenance and return."
        ),
        "expected_benefit": (
            "Fewer hours waiting for an ICU bed, fewer long-distance transfers, and better use of the "
            "machines we already have. Measure median time from decision to ICU admission."
        ),
        "affected_people": "Critically ill patients, ICU and emergency staff, hospital managers, emergency medical services.",
        "expertise_statement": "Emergency physician; I coordinated patient transfers in our region during the first surge.",
        "category": "care-capacity",
        "region": "gyeongbuk",
        "author": "physician",
        "days_ago": 84,
        "supports": 111,
        "comments": [
            (
                "nurse",
                "A ventilator without trained ICU nurses doesn't help. The board must show staff, not just machines.",
            ),
        ],
        "status": "submitted",
    },
    {
        "key": "retired-nurses",
        "lang": "ko",
        "title": "퇴직·휴직 간호사 자원봉사 등록 시스템을 상시 운영해 주세요",
        "problem": (
            "대구에 확진자가 급증했을 때 전국에서 간호사들이 자원해 주셨지만, 어디에 어떻게 신청하는지 "
            "몰라 보건소마다 전화를 돌리는 일이 많았습니다. 도착한 뒤에도 면허 확인, 숙소 배정, 교육에 "
            "며칠이 걸려 정작 가장 바쁜 시기를 놓치기도 했습니다."
        ),
        "solution": (
            "평상시에 퇴직·휴직 간호사가 면허, 경력 분야(중환자실, 감염관리, 요양 등), 가능한 지역과 "
            "기간을 미리 등록해 두는 시스템을 만들어 주십시오. 면허는 등록할 때 미리 확인하고, 보호구 "
            "착용과 감염관리 교육은 온라인으로 이수하게 하면 유행 시 이틀 안에 현장 배치가 가능합니다. "
            "숙소, 교통, 수당 기준도 미리 정해 두어야 합니다."
        ),
        "expected_benefit": "인력 부족 시 빠르게 숙련된 간호 인력을 배치할 수 있고, 현장 간호사들의 과로를 줄일 수 있습니다.",
        "affected_people": "현장 간호 인력, 퇴직·휴직 간호사, 환자, 보건소와 병원",
        "expertise_statement": "보건소 간호사로 근무하며 유행 초기 파견 인력 배치를 담당했습니다.",
        "category": "care-capacity",
        "region": "nationwide",
        "author": "nurse",
        "days_ago": 77,
        "supports": 134,
        "comments": [
            ("physician", "중환자 간호 경력이 있는 분들은 따로 분류해 주시면 배치가 훨씬 쉬워집니다."),
            ("citizen1", "아이가 있는 간호사분들을 위한 돌봄 지원도 함께 있으면 더 많이 참여하실 것 같습니다."),
        ],
        "status": "submitted",
    },
    {
        "key": "telemedicine",
        "lang": "en",
        "title": "Allow phone consultations and repeat prescriptions for stable chronic patients during outbreaks",
        "problem": (
            "Patients with high blood pressure, diabetes or asthma come to clinics every month just to "
            "renew the same prescription. During an outbreak they sit in waiting rooms with people who "
            "may be infected, and many older patients simply stop coming and run out of medicine."
        ),
        "solution": (
            "For the duration of the emergency, let doctors consult stable chronic patients they "
            "already know by phone or video, and send the prescription directly to the patient's "
            "chosen pharmacy. The pharmacy can hand the medicine to a family member or deliver it. "
            "Limit it to patients seen in person at least once in the last 12 months and to repeat "
            "prescriptions, and pay clinics the same fee as an in-person visit."
        ),
        "expected_benefit": (
            "Fewer vulnerable people in waiting rooms, fewer missed doses, and more room in clinics "
            "for patients who need to be examined. Measure the share of chronic patients who keep "
            "their prescriptions up to date."
        ),
        "affected_people": (
            "Older and chronically ill patients, family doctors, pharmacies. Patients without a phone "
            "or with hearing problems still need an in-person option."
        ),
        "expertise_statement": "",
        "category": "care-capacity",
        "region": "nationwide",
        "author": "pharmacist",
        "days_ago": 89,
        "supports": 163,
        "comments": [
            (
                "physician",
                "Agree for stable patients. There must be a clear rule to call the patient in when something has changed.",
            ),
            ("citizen5", "My father is deaf. A text or video option with subtitles would make this work for him."),
        ],
        "status": "submitted",
    },
    {
        "key": "staff-hotline",
        "lang": "ko",
        "title": "감염병 대응 의료진을 위한 24시간 심리 상담 전화를 열어 주세요",
        "problem": (
            "몇 주째 방호복을 입고 하루 12시간씩 일하고 있습니다. 동료가 감염되어 격리되고, 가족에게 옮길까 "
            "봐 집에도 못 가는 의료진이 많습니다. 잠을 못 자고 눈물이 나는데도 주변에 말할 곳이 없고, "
            "병원 안 상담은 동료들이 알게 될까 봐 이용하기 어렵습니다."
        ),
        "solution": (
            "의료진과 보건소 직원만을 위한 24시간 익명 심리 상담 전화와 문자 상담을 열어 주십시오. "
            "근무가 끝난 새벽에도 연결될 수 있어야 하고, 필요하면 정신건강의학과 진료와 휴가 연계까지 "
            "이어지면 좋겠습니다. 상담 기록은 소속 기관에 통보되지 않아야 합니다."
        ),
        "expected_benefit": "의료진의 소진과 이직을 줄이고, 장기화되는 유행에도 현장 인력을 지킬 수 있습니다.",
        "affected_people": "의사, 간호사, 보건소 직원, 구급대원, 방역 현장 인력",
        "expertise_statement": "선별진료소와 생활치료센터에서 근무 중인 간호사입니다.",
        "category": "care-capacity",
        "region": "nationwide",
        "author": "nurse",
        "days_ago": 68,
        "supports": 188,
        "comments": [
            ("physician", "응급실 동료들도 같은 상황입니다. 꼭 필요합니다."),
            ("citizen3", "의료진분들 정말 고생 많으십니다. 청소·방역 노동자도 포함해 주세요."),
        ],
        "status": "submitted",
    },
    {
        "key": "care-home-video",
        "lang": "en",
        "title": "Lend tablets to care homes and schedule weekly video calls between residents and families",
        "problem": (
            "My grandmother lives in a care home that stopped all visits two months ago. She has "
            "dementia and thinks we have forgotten her. The home has one phone at the nurses' desk, "
            "and staff have no time to hold it up for each resident."
        ),
        "solution": (
            "The city lends each care home a few tablets with a simple video-call app already set up, "
            "plus stands so nobody has to hold them. Families book a 15-minute slot each week online "
            "or by phone. Volunteers (students doing service hours, for example) help residents "
            "with the call, remotely or on site with a negative test, so the staff workload does not grow. "
            "Tablets are wiped after each call."
        ),
        "expected_benefit": (
            "Residents see familiar faces regularly, which staff say helps with mood and eating. "
            "Families can see how their relative is doing. Count calls per resident per month."
        ),
        "affected_people": (
            "Care-home residents, their families and care staff. Residents with severe hearing or "
            "vision loss may need a different solution, such as a window visit."
        ),
        "expertise_statement": "",
        "category": "care-capacity",
        "region": "daegu",
        "author": "citizen4",
        "days_ago": 50,
        "supports": 86,
        "comments": [
            ("nurse", "Small homes often have weak Wi-Fi. Please include a mobile data router with the tablets."),
        ],
        "status": "submitted",
        "challenge": "care-homes-connected",
    },
    {
        "key": "care-home-window",
        "lang": "ko",
        "title": "요양원에 유리 칸막이 ‘비접촉 면회실’을 설치해 주세요",
        "problem": (
            "어머니가 계신 요양원이 석 달째 면회를 막고 있습니다. 영상 통화는 귀가 어두우신 어머니께 "
            "잘 안 들리고 화면이 작아 알아보지 못하십니다. 직접 얼굴을 보지 못하니 어머니도 가족도 "
            "많이 지쳐 있습니다."
        ),
        "solution": (
            "요양원 1층 출입구 옆에 외부에서 바로 들어갈 수 있는 면회 공간을 만들고, 가운데를 유리 "
            "칸막이로 막아 인터폰으로 대화하게 해 주십시오. 하루 정해진 시간에 예약제로 운영하고, "
            "면회 후에는 가족 쪽 공간만 소독하면 됩니다. 설치 비용은 시설당 수백만 원 수준이라 "
            "시에서 지원해 주시면 좋겠습니다."
        ),
        "expected_benefit": "감염 위험 없이 얼굴을 마주 보고 대화할 수 있어 어르신들의 정서 안정에 도움이 됩니다.",
        "affected_people": "요양시설 입소 어르신과 가족, 요양보호사",
        "expertise_statement": "",
        "category": "care-capacity",
        "region": "daegu",
        "author": "citizen3",
        "days_ago": 47,
        "supports": 57,
        "comments": [
            (
                "official_citizen",
                "시설마다 공간 여건이 달라서, 공간이 없는 곳은 이동식 컨테이너형 면회실도 방법이 될 것 같습니다.",
            ),
        ],
        "status": "submitted",
        "challenge": "care-homes-connected",
    },
    # ------------------------------------------------------------------
    # Supply chain
    # ------------------------------------------------------------------
    {
        "key": "birth-year-masks",
        "lang": "ko",
        "title": "출생연도 끝자리별 요일제로 공적 마스크를 판매해 줄 서기를 없애 주세요",
        "problem": (
            "공적 마스크를 사려고 모든 사람이 같은 날 같은 시간에 약국 앞에 몰립니다. 재고가 언제 "
            "들어오는지 몰라 하루에도 여러 번 약국을 찾게 되고, 어르신들은 추위 속에 한 시간 넘게 "
            "줄을 서십니다."
        ),
        "solution": (
            "출생연도 끝자리에 따라 구매 요일을 정해 주십시오. 예를 들어 끝자리 1·6은 월요일, 2·7은 화요일, "
            "3·8은 수요일, 4·9는 목요일, 5·0은 금요일에 사고, 주말에는 그 주에 못 산 분들이 사도록 하는 "
            "방식입니다. 방문하는 사람이 하루 5분의 1로 줄어들고, 자기 요일에 가면 살 수 있다는 믿음이 "
            "생기면 새벽부터 줄 설 이유가 없어집니다."
        ),
        "expected_benefit": "약국 앞 대기 인원과 대기 시간이 크게 줄고, 밀집으로 인한 감염 위험도 낮아집니다.",
        "affected_people": "공적 마스크가 필요한 모든 시민, 특히 어르신과 장애인, 약국 종사자",
        "expertise_statement": "",
        "category": "supply-chain",
        "region": "seoul",
        "author": "citizen1",
        "days_ago": 24,
        "supports": 212,
        "comments": [
            ("pharmacist", "현장에서도 환영합니다. 요일이 정해지면 약국별 입고량도 요일별로 맞춰야 합니다."),
            ("citizen5", "평일에 일하는 사람들은 자기 요일에 못 갈 수도 있어요. 주말 구매는 꼭 남겨 주세요."),
        ],
        "status": "submitted",
        "challenge": "masks-without-queues",
    },
    {
        "key": "mask-postal-delivery",
        "lang": "en",
        "title": "Deliver weekly public masks to residents over 80 through community centres and postal carriers",
        "problem": (
            "In our neighbourhood there are many residents over 80 who live alone. They cannot stand in "
            "a pharmacy queue for an hour, many do not have family nearby to buy for them, and a "
            "proxy purchase needs documents they cannot easily get."
        ),
        "solution": (
            "Let the community centre (dong office) buy the weekly masks in bulk for registered "
            "residents over 80 and residents with severe disabilities who live alone, and deliver "
            "them together with the existing check-in visits by social workers, or through postal "
            "carriers on their normal rounds. Residents sign up once by phone; the purchases are "
            "recorded against their ID so they are not counted twice."
        ),
        "expected_benefit": (
            "The most vulnerable residents get masks without leaving home, and the pharmacy queues "
            "get a little shorter too. Track the share of eligible residents who receive masks each week."
        ),
        "affected_people": "Residents over 80 and people with severe disabilities living alone, community centre staff, postal carriers.",
        "expertise_statement": "",
        "category": "supply-chain",
        "region": "seoul",
        "author": "official_citizen",
        "days_ago": 27,
        "supports": 95,
        "comments": [
            (
                "pharmacist",
                "Pharmacies could prepare the bundles for the community centre in the afternoon, outside peak hours.",
            ),
            ("citizen2", "Please include people who live with a partner who is also over 80 - they are just as stuck."),
        ],
        "status": "submitted",
        "challenge": "masks-without-queues",
    },
    {
        "key": "ppe-dashboard",
        "lang": "en",
        "title": "A shared stock dashboard for PPE so small clinics don't run out while warehouses are full",
        "problem": (
            "Our public health centre ran out of N95 masks and gowns twice in March while, as we "
            "later learned, the provincial warehouse had stock. Small clinics and care homes order "
            "by phone and fax and nobody sees the whole picture."
        ),
        "solution": (
            "A simple web dashboard where health centres, hospitals and care homes enter their stock "
            "of N95 masks, surgical masks, gowns, gloves, face shields and swabs once a day, together "
            "with daily use. The system calculates days of supply left and flags anyone under 7 days, "
            "so the provincial warehouse can ship before they run out."
        ),
        "expected_benefit": "No more stock-outs where stock exists elsewhere; less time on the phone; better purchase planning.",
        "affected_people": "Health workers in small clinics, health centres and care homes; procurement staff.",
        "expertise_statement": "Nurse at a public health centre responsible for our infection-control supplies.",
        "category": "supply-chain",
        "region": "daegu",
        "author": "nurse",
        "days_ago": 74,
        "supports": 82,
        "comments": [
            (
                "official_citizen",
                "Daily manual entry will slip when people are busy. Could it read from the hospitals' existing inventory systems?",
            ),
        ],
        "status": "submitted",
    },
    {
        "key": "mask-stock-api",
        "lang": "ko",
        "title": "약국별 공적 마스크 재고를 실시간 공개 데이터로 제공해 주세요",
        "problem": (
            "마스크가 남아 있는 약국을 찾으려고 여러 약국을 헛걸음하며 돌아다니는 사람이 많습니다. "
            "약국에는 ‘마스크 있나요?’ 하는 전화가 하루 수백 통씩 걸려 와 업무가 마비됩니다."
        ),
        "solution": (
            "약국에서 판매할 때마다 기록되는 자료를 바탕으로 약국별 입고 시각과 남은 수량 구간(100개 이상, "
            "30~99개, 2~29개, 품절)을 5분 단위로 공개 API로 제공해 주십시오. 그러면 민간 개발자들이 "
            "지도 앱을 만들어 누구나 가까운 약국의 재고를 확인할 수 있습니다. 접속이 몰릴 것에 대비해 "
            "캐시 서버를 두어야 합니다."
        ),
        "expected_benefit": "헛걸음과 문의 전화가 줄고, 재고가 남은 약국으로 사람이 자연스럽게 분산됩니다.",
        "affected_people": "마스크를 사려는 시민, 약국 종사자, 공공데이터를 활용하는 개발자",
        "expertise_statement": "",
        "category": "supply-chain",
        "region": "nationwide",
        "author": "student",
        "days_ago": 31,
        "supports": 149,
        "comments": [
            (
                "pharmacist",
                "입고 시각과 실제 판매 시작 시각이 다를 때가 많습니다. 약국이 판매 시작을 직접 표시할 수 있으면 좋겠습니다.",
            ),
            ("citizen3", "앱을 못 쓰는 분들을 위해 주민센터 게시판에도 붙여 주세요."),
        ],
        "status": "submitted",
    },
    {
        "key": "donated-ppe-matching",
        "lang": "en",
        "title": "Match donated masks and gowns to the small clinics and care homes that need them",
        "problem": (
            "Companies and overseas Korean communities are donating masks and protective equipment, "
            "but most of it goes to large hospitals that make the news. Small dental clinics, home-care "
            "agencies and community care centres don't know how to ask and don't get any."
        ),
        "solution": (
            "A public list where small care providers post what they need (item, quantity, address) "
            "and donors pick requests to fulfil, with the provincial government checking that requests "
            "are genuine. Deliveries go through one logistics partner to keep costs down."
        ),
        "expected_benefit": "Donations reach the places with the least access to official supplies.",
        "affected_people": "Small clinics, home-care workers, care centres, donors.",
        "expertise_statement": "",
        "category": "supply-chain",
        "region": "gyeongnam",
        "author": "citizen5",
        "days_ago": 61,
        "supports": 26,
        "comments": [],
        "status": "submitted",
    },
    # ------------------------------------------------------------------
    # Working practices
    # ------------------------------------------------------------------
    {
        "key": "delivery-workers",
        "lang": "ko",
        "title": "배달·택배 노동자를 위한 비대면 배송 기준과 방역 물품, 유급 병가를 마련해 주세요",
        "problem": (
            "외출 자제로 배달과 택배 물량이 두 배 가까이 늘었지만, 배달 노동자들은 마스크와 손소독제를 "
            "스스로 사서 쓰고 있습니다. 하루 수백 곳의 현관과 엘리베이터를 오가면서도 아파도 쉬면 수입이 "
            "끊겨 증상이 있어도 일을 계속하는 경우가 많습니다."
        ),
        "solution": (
            "첫째, 문 앞에 두고 문자로 알리는 비대면 배송을 기본으로 하는 업계 공통 기준을 만들어 주십시오. "
            "둘째, 플랫폼 회사와 택배사가 마스크와 손소독제를 매주 지급하도록 해 주십시오. 셋째, 증상이 "
            "있을 때 검사받고 쉬는 기간의 소득을 보전하는 병가 지원을 마련해 주십시오."
        ),
        "expected_benefit": "배달 노동자와 고객 모두의 감염 위험이 줄고, 아픈 사람이 일하지 않아도 되는 환경이 만들어집니다.",
        "affected_people": "배달·택배 노동자와 가족, 플랫폼 기업과 택배사, 배송을 받는 시민",
        "expertise_statement": "",
        "category": "working-practices",
        "region": "nationwide",
        "author": "citizen3",
        "days_ago": 55,
        "supports": 121,
        "comments": [
            (
                "citizen1",
                "아파트 엘리베이터 사용 제한 때문에 계단으로 다니시는 기사님도 봤습니다. 관리사무소 협조도 필요합니다.",
            ),
        ],
        "status": "submitted",
    },
    {
        "key": "childcare-health-workers",
        "lang": "en",
        "title": "Emergency childcare with extended hours for health workers while schools are closed",
        "problem": (
            "Schools and kindergartens are closed, but nurses, doctors, paramedics and health centre "
            "staff are needed more than ever. Emergency childcare exists, but it ends at 5 p.m. and "
            "our shifts start at 7 a.m. and end at 9 p.m. Several colleagues with young children have "
            "had to take leave right when we are short-staffed."
        ),
        "solution": (
            "Open emergency childcare at selected schools or daycare centres near large hospitals "
            "from 6:30 a.m. to 10 p.m. for children of health and emergency workers, in small fixed "
            "groups of up to 10 children with the same carers every day. Pay overtime to the carers, "
            "and allow shift workers to book by the day."
        ),
        "expected_benefit": (
            "Health workers with children can keep working, so fewer shifts are left uncovered. "
            "Fixed small groups limit the spread between families."
        ),
        "affected_people": "Health and emergency workers with children under 12, their children, childcare staff.",
        "expertise_statement": "",
        "category": "working-practices",
        "region": "daegu",
        "author": "nurse",
        "days_ago": 101,
        "supports": 138,
        "comments": [
            ("citizen4", "Care workers in nursing homes work the same shifts. Please include them too."),
            (
                "official_citizen",
                "Schools near hospitals already have the space. The hard part is finding carers willing to work late.",
            ),
        ],
        "status": "submitted",
    },
    {
        "key": "staggered-commute",
        "lang": "en",
        "title": "Ask large employers to stagger start times so subways aren't packed at 8:30",
        "problem": (
            "Line 2 between 8 and 9 a.m. is so full that keeping any distance is impossible. Most of "
            "the people on it start work at exactly 9."
        ),
        "solution": (
            "Ask companies with more than 300 employees to spread start times over at least three "
            "slots (e.g. 8:00, 9:30, 10:30), starting with public institutions and big firms in the "
            "busiest districts. Publish hourly ridership per station so the effect is visible."
        ),
        "expected_benefit": "Lower peak crowding on trains and buses, for everyone who has to commute.",
        "affected_people": "Commuters, employers, transit operators.",
        "expertise_statement": "",
        "category": "working-practices",
        "region": "seoul",
        "author": "citizen2",
        "days_ago": 72,
        "supports": 53,
        "comments": [
            ("citizen5", "Parents who drop kids off at school can't start at 8. Make it optional per employee."),
        ],
        "status": "submitted",
    },
    {
        "key": "call-centre",
        "lang": "ko",
        "title": "콜센터처럼 밀집된 사업장의 좌석 간격과 교대 근무 기준을 정해 주세요",
        "problem": (
            "저는 콜센터에서 일합니다. 한 층에 100명 넘게 칸막이 하나 사이로 붙어 앉아 하루 종일 말을 "
            "합니다. 마스크를 쓰면 고객이 잘 못 알아듣는다고 해서 벗고 일하는 경우도 많습니다. 한 명이 "
            "감염되면 층 전체로 번질 수밖에 없는 구조입니다."
        ),
        "solution": (
            "콜센터 등 밀집 사업장에 대해 좌석 한 칸 띄우기 또는 지그재그 배치, 높은 칸막이 설치, "
            "시간대별 교대 근무, 휴게실 동시 이용 인원 제한 같은 최소 기준을 정해 주십시오. 재택 상담이 "
            "가능하도록 원격 상담 장비를 지원하고, 상담 중 마스크 착용을 원청이 보장해야 합니다."
        ),
        "expected_benefit": "집단감염 위험을 줄이고, 상담 노동자가 안심하고 일할 수 있습니다.",
        "affected_people": "콜센터 상담사 등 밀집 사업장 노동자, 원청·하청 기업",
        "expertise_statement": "",
        "category": "working-practices",
        "region": "seoul",
        "author": "citizen5",
        "days_ago": 79,
        "supports": 92,
        "comments": [
            (
                "official_citizen",
                "하청 업체는 비용 부담 때문에 어렵다고 할 겁니다. 원청의 책임을 명확히 하는 게 핵심 같습니다.",
            ),
        ],
        "status": "submitted",
    },
    {
        "key": "sick-leave",
        "lang": "en",
        "title": "Paid sick leave from day one for anyone told to stay home with symptoms",
        "problem": (
            "The guidance says 'stay home for 3-4 days if you have a fever'. For hourly workers, "
            "temps and the self-employed that means losing pay, so they come in anyway. I work in a "
            "warehouse and have seen coughing colleagues at work because they can't afford to stay home."
        ),
        "solution": (
            "A state-funded sick allowance, paid from the first day for up to 14 days, for anyone "
            "who stays home with symptoms or while waiting for a test result, including part-time, "
            "platform and self-employed workers. Claim online with the screening clinic's record as proof."
        ),
        "expected_benefit": "People with symptoms actually stay home, which stops workplace clusters early.",
        "affected_people": "Low-paid, hourly and self-employed workers; employers; everyone they would otherwise infect.",
        "expertise_statement": "",
        "category": "working-practices",
        "region": "nationwide",
        "author": "citizen4",
        "days_ago": 86,
        "supports": 247,
        "comments": [
            (
                "physician",
                "We see this every day: people come to be tested and ask if they can go back to work the same afternoon.",
            ),
            ("citizen3", "Small shop owners would need support too, or they'll pressure staff to come in."),
        ],
        "status": "submitted",
    },
    {
        "key": "clinic-paperwork",
        "lang": "ko",
        "title": "감염병 유행 기간에는 병·의원의 행정 보고 서류를 줄여 주세요",
        "problem": (
            "선별진료소를 운영하는 동안 같은 내용의 검사 실적을 보건소, 시청, 건강보험심사평가원에 "
            "각각 다른 양식으로 보고하고 있습니다. 간호사 한 명이 하루 두세 시간을 서류 작업에 쓰고, "
            "그만큼 환자를 볼 시간이 줄어듭니다."
        ),
        "solution": (
            "유행 기간에는 검사 실적 보고를 하나의 전산 양식으로 통일하고, 한 번 입력하면 관련 기관이 "
            "모두 같은 자료를 받아 보도록 해 주십시오. 급하지 않은 정기 평가와 현장 점검은 유예해 주시면 "
            "좋겠습니다."
        ),
        "expected_benefit": "의료진이 행정 업무 대신 환자 진료에 집중할 수 있고, 보고 자료의 불일치도 줄어듭니다.",
        "affected_people": "선별진료소 운영 병·의원과 보건소 인력, 보고를 받는 기관 담당자",
        "expertise_statement": "대학병원 응급실에서 선별진료소를 함께 운영하고 있습니다.",
        "category": "working-practices",
        "region": "nationwide",
        "author": "physician",
        "days_ago": 8,
        "supports": 71,
        "comments": [
            ("nurse", "보건소도 마찬가지입니다. 같은 숫자를 하루에 세 번 입력합니다."),
        ],
        "status": "submitted",
    },
    # ------------------------------------------------------------------
    # Other
    # ------------------------------------------------------------------
    {
        "key": "elevator-disinfection",
        "lang": "en",
        "title": "Antimicrobial film on lift buttons and a posted cleaning log in apartment blocks",
        "problem": (
            "In a 25-storey apartment block hundreds of people press the same lift buttons every day. "
            "Our management office says it disinfects them, but nobody knows when, and people press "
            "buttons with keys or elbows."
        ),
        "solution": (
            "Cover lift buttons with replaceable antimicrobial film (replace monthly), put a "
            "hand-sanitiser dispenser at each ground-floor lift, and post a cleaning log inside the "
            "lift showing the time of the last disinfection, at least three times a day. "
            "Local governments could provide the film for public rental housing."
        ),
        "expected_benefit": "Less contact transmission in shared buildings, and residents can see the cleaning happens.",
        "affected_people": "Residents of apartment blocks, building cleaning and security staff.",
        "expertise_statement": "",
        "category": "other",
        "region": "busan",
        "author": "citizen5",
        "days_ago": 82,
        "supports": 34,
        "comments": [
            (
                "physician",
                "Surfaces matter less than shared air for this virus. Ventilating the lift car may help more than the film.",
            ),
        ],
        "status": "submitted",
    },
    {
        "key": "transit-sanitiser",
        "lang": "ko",
        "title": "버스와 지하철 출입구마다 손소독제를 비치해 주세요",
        "problem": (
            "버스 손잡이와 지하철 봉을 잡은 손으로 그대로 휴대전화와 얼굴을 만지게 됩니다. 정류장과 역에 "
            "손 씻을 곳이 없어 불안합니다."
        ),
        "solution": (
            "시내버스 앞문과 뒷문, 지하철역 개찰구마다 발로 누르는 손소독제를 설치하고, 운수회사가 "
            "하루 두 번 채워 넣도록 해 주십시오. 차량 손잡이는 회차 때마다 닦아 주시면 좋겠습니다."
        ),
        "expected_benefit": "대중교통 이용자의 손 위생이 좋아지고, 시민들이 안심하고 대중교통을 이용할 수 있습니다.",
        "affected_people": "대중교통 이용자, 버스 기사와 역 직원",
        "expertise_statement": "",
        "category": "other",
        "region": "gwangju",
        "author": "citizen3",
        "days_ago": 102,
        "supports": 43,
        "comments": [
            ("official_citizen", "소독제 도난이 잦다는 이야기를 들었습니다. 고정형 용기로 설치해야 할 것 같습니다."),
        ],
        "status": "submitted",
    },
    {
        "key": "safe-return-homes",
        "lang": "en",
        "title": "Temporary quarantine rooms for people who live with elderly or sick family members",
        "problem": (
            "When I was told to self-quarantine for 14 days after a contact at work, I had to stay in "
            "a small flat with my 82-year-old father who has heart disease. There was no way to "
            "really separate us, and we shared one bathroom. Many families in small homes have the "
            "same problem."
        ),
        "solution": (
            "Let local governments rent rooms in business hotels, training centres or public "
            "housing that is empty, and offer them free to people in self-quarantine who live with "
            "someone at high risk or cannot isolate at home. Meals delivered to the door, daily "
            "symptom check by phone, and transport there by a health-centre vehicle."
        ),
        "expected_benefit": (
            "Fewer infections within households, especially of the most vulnerable family members. "
            "Track secondary cases among household contacts."
        ),
        "affected_people": (
            "People in self-quarantine who share small homes with older, sick or disabled family "
            "members; families in overcrowded housing."
        ),
        "expertise_statement": "",
        "category": "other",
        "region": "incheon",
        "author": "citizen2",
        "days_ago": 65,
        "supports": 104,
        "comments": [
            (
                "official_citizen",
                "Some cities already do this for travellers arriving from abroad. Extending it to contacts is a budget question.",
            ),
            ("citizen1", "Single parents can't leave their children for 14 days. What then?"),
        ],
        "status": "submitted",
    },
    {
        "key": "school-meals",
        "lang": "ko",
        "title": "휴교 기간에 학교 급식 대신 식재료 꾸러미를 가정에 배송해 주세요",
        "problem": (
            "개학이 계속 미뤄지면서 학교 급식으로 하루 한 끼를 해결하던 아이들이 끼니를 거르고 있습니다. "
            "맞벌이나 한부모 가정은 아이 점심을 챙기기 어렵고, 학교 급식에 납품하던 친환경 농가는 판로가 "
            "끊겨 농산물을 버리고 있습니다."
        ),
        "solution": (
            "휴교 기간의 급식 예산으로 친환경 농산물 꾸러미를 만들어 학생 가정에 2주에 한 번 배송해 "
            "주십시오. 돌봄이 필요한 가정에는 바로 먹을 수 있는 도시락 지원을 병행하고, 저소득층 가정에는 "
            "우선 배송하면 좋겠습니다."
        ),
        "expected_benefit": "아이들의 끼니를 보장하고, 급식 납품 농가의 피해도 줄일 수 있습니다.",
        "affected_people": "초·중·고 학생과 가정, 특히 저소득·맞벌이·한부모 가정, 급식 납품 농가",
        "expertise_statement": "",
        "category": "other",
        "region": "chungnam",
        "author": "citizen1",
        "days_ago": 92,
        "supports": 158,
        "comments": [
            ("citizen3", "저희 아이 학교는 알레르기 표시가 없어서 걱정입니다. 알레르기 정보도 함께 주세요."),
            ("official_citizen", "배송 인력은 지역 농협과 협력하면 가능할 것 같습니다."),
        ],
        "status": "submitted",
    },
    {
        "key": "quarantine-voting",
        "lang": "ko",
        "title": "자가격리자도 투표할 수 있는 방법을 마련해 주세요",
        "problem": "선거일에 자가격리 중이면 투표를 할 수 없습니다. 유행이 길어지면 수만 명이 투표권을 잃을 수 있습니다.",
        "solution": (
            "자가격리자가 투표소 운영 시간이 끝난 뒤 별도 동선으로 투표하거나, 거소투표(우편투표)를 "
            "신청할 수 있게 해 주세요. 담당 공무원의 보호구도 함께 준비되어야 합니다. (작성 중)"
        ),
        "expected_benefit": "감염병 상황에서도 모든 국민의 참정권이 보장됩니다.",
        "affected_people": "자가격리자, 선거 관리 인력",
        "expertise_statement": "",
        "category": "other",
        "region": "nationwide",
        "author": "citizen3",
        "days_ago": 6,
        "supports": 0,
        "comments": [],
        "status": "draft",
    },
    {
        "key": "contactless-library",
        "lang": "en",
        "title": "Contactless book lending from public libraries using lockers",
        "problem": "Public libraries are closed, and children at home have run out of books to read.",
        "solution": (
            "Reserve books online, the library puts them in a locker or a bag at the entrance, and "
            "you collect them with a code. Returned books wait 3 days before going back on loan."
        ),
        "expected_benefit": "Children and older readers keep reading while libraries stay closed.",
        "affected_people": "Library users, especially children and older people.",
        "expertise_statement": "",
        "category": "other",
        "region": "daejeon",
        "author": "citizen4",
        "days_ago": 57,
        "supports": 8,
        "comments": [
            ("citizen2", "Our library started doing exactly this last week, it works well."),
        ],
        "status": "withdrawn",
    },
]

# ----------------------------------------------------------------------
# The officials' side: assignments, decisions, field experts' reviews and authors'
# answers, in the order they happened. ``load_demo_data`` runs each step through the
# services as the person named in ``actor`` (a key of CITIZENS or of the officials),
# then dates it: ``at`` is a fixed time in Korea, ``after`` a number of hours after the
# proposal was submitted. A step either assigns (organisation slug), decides (a
# status, with a public reason, and ``merge_into`` a proposal key for merges),
# answers the officials' question (the author) or reviews (a field expert).
# Proposals not listed here stay submitted, most of them past their response deadline.
# ----------------------------------------------------------------------

DAY = 24  # hours

TRIAGE: list[dict] = [
    # The drive-through story: assigned to the hospital that piloted it, reviewed by a
    # nurse who runs a screening tent, accepted within two days.
    {
        "proposal": "drive-through-ko",
        "steps": [
            {"at": "2020-02-20 13:40", "actor": "triager", "assign": "knuh"},
            {
                "at": "2020-02-20 17:50",
                "actor": "pilotlead",
                "decide": "under_review",
                "reason": "응급의학과와 감염관리실이 영문 제안과 함께 검토하고 있습니다. 병원 주차장에 며칠 안에 차로를 만들 수 있는지 확인 중입니다.",
            },
            {
                "at": "2020-02-21 18:40",
                "actor": "pilotlead",
                "decide": "accepted",
                "reason": (
                    "채택되었습니다. 칠곡경북대학교병원이 2월 23일(일)부터 병원 주차장에서 드라이브 스루 "
                    "선별진료소를 시범 운영합니다. 차가 없는 분들을 위한 도보 선별진료소는 그대로 운영합니다."
                ),
            },
        ],
    },
    {
        "proposal": "drive-through",
        "steps": [
            {"at": "2020-02-20 13:45", "actor": "triager", "assign": "knuh"},
            {
                "at": "2020-02-20 17:30",
                "actor": "pilotlead",
                "decide": "under_review",
                "reason": (
                    "Our emergency department and infection control team are reviewing this; we are checking "
                    "whether a lane can be set up in the hospital car park within days."
                ),
            },
            {
                "at": "2020-02-21 10:20",
                "actor": "nurse",
                "review": {
                    "feasibility": (
                        "Yes. A public health centre can set up a lane in a day with tents it already has; "
                        "what takes longer is traffic control and a rest area for staff. Four stations with "
                        "one nurse or doctor each is realistic for the staff we have."
                    ),
                    "risks": (
                        "Staff outdoors in full protective equipment in February: hands go numb after an hour "
                        "and swab quality drops, so rotations of two hours at most and a heated rest tent. Cars "
                        "queueing onto main roads. People without cars are left out unless the walk-in clinic "
                        "stays open. Medical waste piling up by the lane."
                    ),
                    "measures": (
                        "Minutes from entering the lane to leaving it; staff contacts with untested people in "
                        "closed rooms per 100 samples; people tested per day; gowns used per 100 samples; "
                        "staff infections."
                    ),
                    "rating": 5,
                },
            },
            {
                "at": "2020-02-21 19:00",
                "actor": "pilotlead",
                "decide": "accepted",
                "reason": (
                    "Accepted. Chilgok Hospital will pilot one drive-through lane in its car park from Sunday "
                    "23 February, measuring minutes per sample, staff exposure and people tested per day. The "
                    "walk-in clinic stays open for people without cars."
                ),
            },
        ],
    },
    # The mask story: handed to HIRA, which runs the DUR system every pharmacy uses.
    {
        "proposal": "mask-check-ko",
        "steps": [
            {"at": "2020-02-27 09:30", "actor": "triager", "assign": "hira"},
            {
                "at": "2020-02-27 16:00",
                "actor": "hira-lead",
                "decide": "under_review",
                "reason": (
                    "DUR 시스템에 공적 마스크 판매 이력을 기록할 수 있는지, 약국이 문을 여는 시간의 조회량을 "
                    "감당할 수 있는지 검토하고 있습니다."
                ),
            },
            {
                "at": "2020-03-02 10:10",
                "actor": "hira-lead",
                "decide": "accepted",
                "reason": (
                    "채택되었습니다. 3월 6일부터 대한약사회와 함께 모든 약국의 공적 마스크 판매를 DUR 시스템에 "
                    "기록하고 중복 구매를 확인합니다. 제안하신 대로 시행 전 조회량을 점검하고, 장애 시 수기 "
                    "기록 방안도 마련합니다."
                ),
            },
        ],
    },
    {
        "proposal": "mask-check",
        "steps": [
            {"at": "2020-02-28 11:00", "actor": "triager", "assign": "hira"},
            {
                "at": "2020-02-28 15:00",
                "actor": "hira-lead",
                "decide": "under_review",
                "reason": (
                    "HIRA is checking, together with the Korean version of this proposal, whether the DUR "
                    "system can carry mask sales and the load of every pharmacy opening at the same time."
                ),
            },
            {
                "at": "2020-02-29 15:00",
                "actor": "physician",
                "review": {
                    "feasibility": (
                        "DUR already answers every prescription in real time, so the check fits the "
                        "pharmacist's routine and needs no new device. The work is on the server side and in "
                        "the rules for buying on someone else's behalf."
                    ),
                    "risks": (
                        "Overload when every pharmacy opens at the same time; late entries from a paper "
                        "fallback will make stock figures wrong; foreign residents and people buying for "
                        "children or older relatives must not be turned away."
                    ),
                    "measures": (
                        "Duplicate purchases refused per day; seconds per check at the counter; reports of "
                        "stock that does not match deliveries; length of the queue at opening time."
                    ),
                    "rating": 4,
                },
            },
            {
                "at": "2020-03-02 10:00",
                "actor": "hira-lead",
                "decide": "accepted",
                "reason": (
                    "Accepted. From 6 March mask sales will be recorded in the DUR system in every pharmacy, "
                    "with the Korean Pharmaceutical Association as partner. We will test the morning peak "
                    "beforehand and keep a paper fallback, as the proposal and comments suggest."
                ),
            },
        ],
    },
    # Open data for case maps: accepted, no pilot needed.
    {
        "proposal": "case-map-ko",
        "steps": [
            {
                "after": 2 * DAY,
                "actor": "triager",
                "decide": "under_review",
                "reason": "확진자 동선을 공개하는 지자체들과 공통 형식을 협의하고 있습니다.",
            },
            {
                "after": 9 * DAY,
                "actor": "triager",
                "decide": "accepted",
                "reason": (
                    "채택되었습니다. 다음 달부터 각 지자체가 확진자 이동 경로를 개인정보 없이 전국 공통 "
                    "CSV·JSON 형식으로 공공데이터포털에 공개하고, 형식을 바꿀 때에는 미리 알립니다."
                ),
            },
        ],
    },
    {
        "proposal": "case-map",
        "steps": [
            {
                "after": 2 * DAY,
                "actor": "triager",
                "decide": "under_review",
                "reason": "KDCA is agreeing a common format with the local governments that publish case movements.",
            },
            {
                "after": 9 * DAY,
                "actor": "triager",
                "decide": "accepted",
                "reason": (
                    "Accepted. From next month local governments will publish case movements in one nationwide "
                    "CSV and JSON format on the public data portal, without personal details, and announce "
                    "changes to the format in advance."
                ),
            },
        ],
    },
    # Under review.
    {
        "proposal": "remote-work",
        "steps": [
            {"after": 3 * DAY, "actor": "triager", "assign": "cdsch"},
            {
                "after": 6 * DAY,
                "actor": "publisher",
                "decide": "under_review",
                "reason": (
                    "The headquarters is drafting common remote-work and staggered-hours guidelines for "
                    "public offices with the Ministry of the Interior and Safety; we will answer when they "
                    "are agreed."
                ),
            },
        ],
    },
    {
        "proposal": "walk-through",
        "steps": [
            {"after": 1 * DAY, "actor": "triager", "assign": "seoul"},
            {
                "after": 4 * DAY,
                "actor": "orgadmin",
                "decide": "under_review",
                "reason": (
                    "Seoul is discussing a trial of walk-through booths with a hospital that runs a screening "
                    "clinic. We will decide after the field experts' reviews."
                ),
            },
            {
                "after": 6 * DAY,
                "actor": "physician",
                "review": {
                    "feasibility": (
                        "Booths with gloves fixed in the wall are simple to build and need only a few square "
                        "metres, so they fit where a drive-through lane never could: next to a station or in "
                        "a hospital forecourt."
                    ),
                    "risks": (
                        "The glove ports and the outside of the booth must be wiped after every person, or the "
                        "booth itself spreads the virus. Queues on a pavement need marked spots and someone to "
                        "keep them apart. In summer the booth gets hot for the health worker inside."
                    ),
                    "measures": (
                        "Minutes per sample; minutes of cleaning between people; people tested per booth per "
                        "hour; share of people tested who have no car."
                    ),
                    "rating": 4,
                },
            },
        ],
    },
    {
        "proposal": "ventilator-sharing",
        "steps": [
            {
                "after": 2 * DAY,
                "actor": "triager",
                "decide": "under_review",
                "reason": (
                    "KDCA is checking with the regional emergency medical centres whether the board can be "
                    "built on the bed-status system hospitals already report to."
                ),
            },
            {
                "after": 5 * DAY,
                "actor": "nurse",
                "review": {
                    "feasibility": (
                        "Hospitals already report free beds daily; every four hours is possible if the form "
                        "takes a minute. The loan agreement is the harder part and should be agreed before "
                        "the next surge, not during it."
                    ),
                    "risks": (
                        "A ventilator without trained staff is useless: the board must show staff, not only "
                        "machines. Hospitals may under-report free beds to keep them for their own patients."
                    ),
                    "measures": (
                        "Hours from a transfer request to the patient's arrival; share of requests met within "
                        "the region; ventilators on loan."
                    ),
                    "rating": 4,
                },
            },
        ],
    },
    # Merged into a similar proposal: supports and followers move there.
    {
        "proposal": "walk-through-dup",
        "steps": [
            {
                "after": 3 * DAY,
                "actor": "triager",
                "decide": "merged",
                "merge_into": "walk-through",
                "reason": (
                    "Merged into “Walk-through screening booths for people without cars”, which proposes the "
                    "same booths. Your supports and follow moved there, so support gathers on one proposal."
                ),
            },
        ],
    },
    {
        "proposal": "disaster-text",
        "steps": [{"after": 2 * DAY, "actor": "triager", "assign": "cdsch"}],
    },
    {
        "proposal": "disaster-text-dup",
        "steps": [
            {
                "after": 3 * DAY,
                "actor": "triager",
                "decide": "merged",
                "merge_into": "disaster-text",
                "reason": (
                    "같은 내용을 담은 제안 「재난문자는 꼭 필요한 내용만, 개인 동선은 빼고 보내 주세요」에 "
                    "병합했습니다. 공감과 구독이 그 제안으로 옮겨져 한곳에 모입니다. 밤 10시 이후에는 긴급한 "
                    "문자만 보내자는 의견도 함께 검토하겠습니다."
                ),
            },
        ],
    },
    # Declined, each with a public reason.
    {
        "proposal": "elevator-disinfection",
        "steps": [
            {
                "after": 6 * DAY,
                "actor": "triager",
                "decide": "declined",
                "reason": (
                    "Thank you for the detailed proposal. We are not taking it forward as a national measure: "
                    "the virus spreads mainly through the air in crowded closed spaces, and there is no good "
                    "evidence that antimicrobial films on buttons prevent infections. Regular cleaning of "
                    "frequently touched surfaces, lift buttons included, is already in the guidelines for "
                    "apartment managers, and we have added your posted cleaning log to them as an example."
                ),
            },
        ],
    },
    {
        "proposal": "transit-sanitiser",
        "steps": [
            {
                "after": 8 * DAY,
                "actor": "triager",
                "decide": "declined",
                "reason": (
                    "제안 감사합니다. 지하철역에는 이미 지자체와 운영기관이 개찰구 주변에 손소독제를 비치하고 "
                    "있어 새로운 전국 기준은 만들지 않기로 했습니다. 버스 출입문에 설치하는 방식은 운행 중 "
                    "흔들림과 분실, 운전기사의 보충 부담 때문에 여러 운수회사가 어렵다고 답했습니다. 대신 "
                    "정류장과 차고지의 손 씻기 시설을 늘리도록 지자체에 권고했습니다."
                ),
            },
        ],
    },
    {
        "proposal": "bus-seat-tracing",
        "steps": [
            {"after": 3 * DAY, "actor": "triager", "assign": "cdsch"},
            {
                "after": 10 * DAY,
                "actor": "publisher",
                "decide": "declined",
                "reason": (
                    "Declined. Express and intercity tickets sold online or at terminals already carry a seat "
                    "number, operators keep the records, and tracers already use them. The gap is cash sales "
                    "on board rural routes, where drivers cannot assign seats while driving; we are asking "
                    "operators to move those sales to card payment rather than making a new rule."
                ),
            },
        ],
    },
    # Needs more information: one still waiting for the author, one answered and back
    # with the officials.
    {
        "proposal": "safe-return-homes",
        "steps": [
            {
                "after": 5 * DAY,
                "actor": "triager",
                "decide": "needs_info",
                "reason": (
                    "Thank you. Before we take this to local governments: how many people in your area do you "
                    "think would need such a room at the same time, and how would they get there if they have "
                    "no car and must not use public transport? If you know of empty buildings your city could "
                    "use, please say what kind."
                ),
            },
        ],
    },
    {
        "proposal": "retired-tracers",
        "steps": [
            {
                "after": 4 * DAY,
                "actor": "triager",
                "decide": "needs_info",
                "reason": (
                    "제안 감사합니다. 검토를 위해 두 가지를 더 알려 주십시오. 인력풀의 규모를 어느 정도로 "
                    "생각하시는지(예: 시·도별 인원), 그리고 퇴직자가 역학조사 시스템에 접속할 때 필요한 보안 "
                    "환경은 누가 마련하는 것이 좋을지 의견을 주시면 좋겠습니다."
                ),
            },
            {
                "after": 7 * DAY,
                "actor": "official_citizen",
                "answer": (
                    "시·도별로 인구 10만 명당 5명 정도, 전국 약 2,500명 규모를 생각합니다. 보안 접속은 "
                    "질병관리청이 원격 접속용 노트북과 인증서를 지급하고, 조사 기록은 기존 역학조사 시스템에만 "
                    "남도록 하면 개인정보 유출 위험을 줄일 수 있습니다."
                ),
            },
        ],
    },
    # Accepted recently: the hospital has planned a pilot that has not started yet.
    {
        "proposal": "online-questionnaire",
        "steps": [
            {"after": 1 * DAY, "actor": "triager", "assign": "knuh"},
            {
                "after": 2 * DAY,
                "actor": "physician",
                "review": {
                    "feasibility": (
                        "간단한 웹 문진표와 QR 인식기만 있으면 되므로 일주일 안에 준비할 수 있습니다. 전산 "
                        "접수 시스템과 연결하는 작업이 가장 오래 걸립니다."
                    ),
                    "risks": (
                        "스마트폰이 없는 어르신이 뒤로 밀리지 않도록 종이 문진표 창구를 따로 두어야 합니다. "
                        "문진표에 담긴 개인정보는 검사 후 일정 기간이 지나면 삭제해야 합니다."
                    ),
                    "measures": "도착부터 검체 채취까지 걸린 시간(분), 미리 작성된 문진표의 비율, 접수 오류 건수.",
                    "rating": 5,
                },
            },
            {
                "after": 4 * DAY,
                "actor": "pilotlead",
                "decide": "accepted",
                "reason": (
                    "채택되었습니다. 칠곡경북대학교병원 선별진료소에서 온라인 문진표와 QR 접수를 시범 "
                    "운영합니다. 스마트폰이 없는 분들을 위한 종이 문진표와 도우미는 그대로 둡니다."
                ),
            },
        ],
    },
    # Assigned, not answered yet, and close to their response deadline.
    {"proposal": "birth-year-masks", "steps": [{"after": 1 * DAY, "actor": "triager", "assign": "seoul"}]},
    {"proposal": "clinic-wait-board", "steps": [{"after": 2 * DAY, "actor": "triager", "assign": "knuh"}]},
]
