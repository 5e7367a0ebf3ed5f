"""Categories and regions every installation starts with (editable afterwards in the admin)."""

CATEGORIES = [
    ("testing", "Testing and diagnosis", "검사·진단"),
    ("contact-tracing", "Contact tracing", "접촉자 추적"),
    ("information", "Information sharing", "정보 공유"),
    ("care-capacity", "Care capacity", "의료·돌봄 역량"),
    ("supply-chain", "Supply chain", "물자 공급"),
    ("working-practices", "Working practices", "업무 방식"),
    ("other", "Other", "기타"),
]

REGIONS = [
    ("nationwide", "Nationwide", "전국"),
    ("seoul", "Seoul", "서울특별시"),
    ("busan", "Busan", "부산광역시"),
    ("daegu", "Daegu", "대구광역시"),
    ("incheon", "Incheon", "인천광역시"),
    ("gwangju", "Gwangju", "광주광역시"),
    ("daejeon", "Daejeon", "대전광역시"),
    ("ulsan", "Ulsan", "울산광역시"),
    ("sejong", "Sejong", "세종특별자치시"),
    ("gyeonggi", "Gyeonggi", "경기도"),
    ("gangwon", "Gangwon", "강원특별자치도"),
    ("chungbuk", "North Chungcheong", "충청북도"),
    ("chungnam", "South Chungcheong", "충청남도"),
    ("jeonbuk", "North Jeolla", "전북특별자치도"),
    ("jeonnam", "South Jeolla", "전라남도"),
    ("gyeongbuk", "North Gyeongsang", "경상북도"),
    ("gyeongnam", "South Gyeongsang", "경상남도"),
    ("jeju", "Jeju", "제주특별자치도"),
]
