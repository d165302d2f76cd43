"""The demo region's tourism content: attractions, events, model courses and
area pages in Fujioka, in Japanese and English, some also in Chinese
(simplified and traditional) and Korean. Data only; tourism_loader.py makes
the pages.

The attractions, events and organisers are invented (the districts are the
real ones the storefront demo uses). Texts in several languages are dicts
keyed by language code; a page is translated into the languages its title
has. Event dates are relative to the day the demo is loaded, so it is always
about the coming months.
"""

from dataclasses import dataclass, field

LANGUAGES = ("ja", "en", "zh-hans", "zh-hant", "ko")
EXTRA_LANGUAGES = ("zh-hans", "zh-hant", "ko")

Text = dict  # {language code: text}

# The five demo areas' names in the languages the storefront demo does not have.
AREA_NAMES = {
    "fujioka-center": {"zh-hans": "藤冈市中心", "zh-hant": "藤岡市中心", "ko": "후지오카 중심가"},
    "onishi": {"zh-hans": "鬼石", "zh-hant": "鬼石", "ko": "오니시"},
    "sakurayama": {"zh-hans": "樱山", "zh-hant": "櫻山", "ko": "사쿠라야마"},
    "sanbaseki": {"zh-hans": "三波石峡", "zh-hant": "三波石峽", "ko": "산바세키 협곡"},
    "mikuri": {"zh-hans": "美九里", "zh-hant": "美九里", "ko": "미쿠리"},
}

# -- phrases the loader fills in (access, parking, fees, hours, closures) -----------

WEEKDAY_NAMES = {
    "ja": ["月", "火", "水", "木", "金", "土", "日"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "zh-hans": ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
    "zh-hant": ["週一", "週二", "週三", "週四", "週五", "週六", "週日"],
    "ko": ["월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"],
}

PHRASES = {
    "station_walk": {
        "ja": "JR八高線・群馬藤岡駅から徒歩{walk}分。",
        "en": "{walk} minutes' walk from Gunma-Fujioka Station on the JR Hachikō Line.",
        "zh-hans": "从JR八高线群马藤冈站步行{walk}分钟。",
        "zh-hant": "從JR八高線群馬藤岡站步行{walk}分鐘。",
        "ko": "JR 하치코선 군마후지오카역에서 도보 {walk}분.",
    },
    "station_bus": {
        "ja": "最寄り駅はJR八高線・群馬藤岡駅です。駅からはバスか車をご利用ください。",
        "en": "The nearest station is Gunma-Fujioka on the JR Hachikō Line; "
        "continue by bus or car.",
        "zh-hans": "最近的车站是JR八高线群马藤冈站，从车站换乘巴士或开车前往。",
        "zh-hant": "最近的車站是JR八高線群馬藤岡站，從車站轉乘公車或開車前往。",
        "ko": "가장 가까운 역은 JR 하치코선 군마후지오카역입니다. 역에서 버스나 차를 이용하세요.",
    },
    "bus": {
        "ja": "{route}、「{stop}」下車、徒歩{walk}分。",
        "en": "Take {route} to the {stop} stop, then walk {walk} minutes.",
        "zh-hans": "乘坐{route}，在「{stop}」站下车，步行{walk}分钟。",
        "zh-hant": "搭乘{route}，於「{stop}」站下車，步行{walk}分鐘。",
        "ko": "{route} 이용, 「{stop}」 정류장 하차 후 도보 {walk}분.",
    },
    "car": {
        "ja": "上信越自動車道・藤岡ICから車で約{minutes}分。",
        "en": "About {minutes} minutes by car from the Fujioka exit of the Jōshin-etsu Expressway.",
        "zh-hans": "从上信越自动车道藤冈IC驾车约{minutes}分钟。",
        "zh-hant": "從上信越自動車道藤岡交流道開車約{minutes}分鐘。",
        "ko": "조신에쓰 자동차도 후지오카 IC에서 차로 약 {minutes}분.",
    },
    "parking_free": {
        "ja": "無料駐車場あり（{spaces}台）。",
        "en": "Free car park ({spaces} spaces).",
        "zh-hans": "设有免费停车场（{spaces}个车位）。",
        "zh-hant": "設有免費停車場（{spaces}個車位）。",
        "ko": "무료 주차장 있음({spaces}대).",
    },
    "parking_paid": {
        "ja": "駐車場あり（{spaces}台、1回{fee}円）。",
        "en": "Car park with {spaces} spaces (¥{fee} a visit).",
        "zh-hans": "设有停车场（{spaces}个车位，每次{fee}日元）。",
        "zh-hant": "設有停車場（{spaces}個車位，每次{fee}日圓）。",
        "ko": "주차장 있음({spaces}대, 1회 {fee}엔).",
    },
    "parking_none": {
        "ja": "専用駐車場はありません。近くの市営駐車場をご利用ください。",
        "en": "No car park of its own; use the municipal car park nearby.",
        "zh-hans": "没有专用停车场，请使用附近的市营停车场。",
        "zh-hant": "沒有專用停車場，請使用附近的市營停車場。",
        "ko": "전용 주차장은 없습니다. 근처 시영 주차장을 이용하세요.",
    },
    "free": {
        "ja": "入場無料。",
        "en": "Free admission.",
        "zh-hans": "免费入场。",
        "zh-hant": "免費入場。",
        "ko": "입장 무료.",
    },
    "fee": {
        "ja": "大人{adult}円、中学生以下{child}円。",
        "en": "Adults ¥{adult}, children up to 15 ¥{child}.",
        "zh-hans": "成人{adult}日元，初中生及以下{child}日元。",
        "zh-hant": "成人{adult}日圓，國中生以下{child}日圓。",
        "ko": "어른 {adult}엔, 중학생 이하 {child}엔.",
    },
    "fee_children_free": {
        "ja": "大人{adult}円、中学生以下無料。",
        "en": "Adults ¥{adult}; children up to 15 free.",
        "zh-hans": "成人{adult}日元，初中生及以下免费。",
        "zh-hant": "成人{adult}日圓，國中生以下免費。",
        "ko": "어른 {adult}엔, 중학생 이하 무료.",
    },
    "fee_disability": {
        "ja": "障害者手帳をお持ちの方と介助者1名は無料です。",
        "en": "Free for holders of a disability certificate and one carer.",
        "zh-hans": "持残障者手册的游客及一名陪同者免费。",
        "zh-hant": "持身心障礙手冊的遊客及一名陪同者免費。",
        "ko": "장애인 수첩 소지자와 보호자 1명은 무료입니다.",
    },
    "closed_day": {
        "ja": "{day}曜日休み（祝日の場合は翌平日）。",
        "en": "Closed on {day}s (the next weekday when that is a public holiday).",
        "zh-hans": "{day}休息（逢日本法定节假日则顺延至下一个工作日）。",
        "zh-hant": "{day}休息（遇日本國定假日則順延至下一個平日）。",
        "ko": "{day} 휴무(공휴일인 경우 다음 평일).",
    },
    "always_open": {
        "ja": "いつでも見学できます。",
        "en": "Open at all times.",
        "zh-hans": "全天开放。",
        "zh-hant": "全天開放。",
        "ko": "언제든지 둘러볼 수 있습니다.",
    },
    "price_free": {
        "ja": "参加無料。",
        "en": "Free.",
        "zh-hans": "免费参加。",
        "zh-hant": "免費參加。",
        "ko": "무료.",
    },
    "price": {
        "ja": "1人{price}円（税込）。",
        "en": "¥{price} per person, tax included.",
        "zh-hans": "每人{price}日元（含税）。",
        "zh-hant": "每人{price}日圓（含稅）。",
        "ko": "1인 {price}엔(세금 포함).",
    },
    "book_online": {
        "ja": "予約サイトからお申し込みください（先着順）。",
        "en": "Book online (first come, first served).",
        "zh-hans": "请通过预约网站报名（先到先得）。",
        "zh-hant": "請透過預約網站報名（額滿為止）。",
        "ko": "예약 사이트에서 신청하세요(선착순).",
    },
    "book_phone": {
        "ja": "お電話でお申し込みください。",
        "en": "Book by phone.",
        "zh-hans": "请电话报名。",
        "zh-hant": "請電話報名。",
        "ko": "전화로 신청하세요.",
    },
    "no_booking": {
        "ja": "予約は不要です。",
        "en": "No booking needed.",
        "zh-hans": "无需预约。",
        "zh-hant": "無需預約。",
        "ko": "예약은 필요 없습니다.",
    },
}

CLOSURE_REASONS = {
    "year_end": {
        "ja": "年末年始休業",
        "en": "Closed for the New Year holidays",
        "zh-hans": "年末年初休息",
        "zh-hant": "年末年初休息",
        "ko": "연말연시 휴무",
    },
    "winter": {
        "ja": "冬期閉鎖（路面凍結のため）",
        "en": "Closed in winter (icy road)",
        "zh-hans": "冬季封闭（路面结冰）",
        "zh-hant": "冬季封閉（路面結冰）",
        "ko": "동절기 폐쇄(노면 결빙)",
    },
    "maintenance": {
        "ja": "設備点検のため休業",
        "en": "Closed for maintenance",
        "zh-hans": "设备检修，暂停开放",
        "zh-hant": "設備檢修，暫停開放",
        "ko": "설비 점검으로 휴무",
    },
}

BUS_ROUTES = {
    "fujioka-center": {
        "ja": "市内循環バス",
        "en": "the town loop bus",
        "zh-hans": "市内循环巴士",
        "zh-hant": "市內循環公車",
        "ko": "시내 순환버스",
    },
    "onishi": {
        "ja": "群馬藤岡駅から市民バス鬼石線（約35分）",
        "en": "the Onishi Line community bus from Gunma-Fujioka Station (about 35 minutes)",
        "zh-hans": "从群马藤冈站出发的市民巴士鬼石线（约35分钟）",
        "zh-hant": "從群馬藤岡站出發的市民巴士鬼石線（約35分鐘）",
        "ko": "군마후지오카역발 시민버스 오니시선(약 35분)",
    },
    "sakurayama": {
        "ja": "鬼石から市民バス桜山線（約15分、1日4本）",
        "en": "the Sakurayama Line community bus from Onishi (about 15 minutes, four a day)",
        "zh-hans": "从鬼石出发的市民巴士樱山线（约15分钟，每天4班）",
        "zh-hant": "從鬼石出發的市民巴士櫻山線（約15分鐘，每天4班）",
        "ko": "오니시발 시민버스 사쿠라야마선(약 15분, 하루 4편)",
    },
    "sanbaseki": {
        "ja": "群馬藤岡駅から市民バス鬼石線（約40分）",
        "en": "the Onishi Line community bus from Gunma-Fujioka Station (about 40 minutes)",
        "zh-hans": "从群马藤冈站出发的市民巴士鬼石线（约40分钟）",
        "zh-hant": "從群馬藤岡站出發的市民巴士鬼石線（約40分鐘）",
        "ko": "군마후지오카역발 시민버스 오니시선(약 40분)",
    },
    "mikuri": {
        "ja": "群馬藤岡駅から市民バス美九里線（約15分）",
        "en": "the Mikuri Line community bus from Gunma-Fujioka Station (about 15 minutes)",
        "zh-hans": "从群马藤冈站出发的市民巴士美九里线（约15分钟）",
        "zh-hant": "從群馬藤岡站出發的市民巴士美九里線（約15分鐘）",
        "ko": "군마후지오카역발 시민버스 미쿠리선(약 15분)",
    },
}

# Picture colours per attraction or event category (palettes of pictures.py).
PALETTES = {
    "nature": "farm", "history": "crafts", "temple_shrine": "crafts", "museum": "retail",
    "park": "sweets", "onsen": "inn", "viewpoint": "experience", "festival_site": "sweets",
    "experience": "experience", "festival": "sweets", "market": "farm", "exhibition": "retail",
    "workshop": "crafts", "performance": "cafe", "sports": "experience", "food": "restaurant",
    "seasonal": "sake-brewery", "other": "home",
}  # fmt: skip


# -- attractions --------------------------------------------------------------------


@dataclass(frozen=True)
class AttractionSpec:
    slug: str
    category: str
    area: str  # a content.AREAS slug
    name: Text
    kana: str
    summary: Text
    body: Text  # {language: [paragraph, ...]}, the same number in every language
    postal_code: str
    street: str
    latitude: str
    longitude: str
    ruby: str = ""  # the Japanese title with readings, 桜山《さくらやま》公園
    heading: Text = field(default_factory=dict)  # an optional heading before the text
    # (from month, to month, opens, closes); none: open at all times
    seasons_hours: tuple = ()
    closed_day: int | None = None  # weekday, 0 = Monday
    hours_note: Text = field(default_factory=dict)  # said after the generated note
    closures: tuple[str, ...] = ()  # CLOSURE_REASONS keys
    fee: int | None = 0  # adults; 0 free
    child_fee: int = 0
    fee_note: Text = field(default_factory=dict)
    station_walk: int | None = None  # minutes from Gunma-Fujioka Station on foot
    bus_stop: tuple[str, str] = ()  # (ja, en)
    bus_walk: int = 5
    car_minutes: int = 10
    parking: tuple[int, int] | None = (20, 0)  # (spaces, fee); None: no car park
    step_free: bool = False
    accessible_toilet: bool = False
    wheelchair_rental: bool = False
    barrier_free: Text = field(default_factory=dict)
    best: str = ""  # "spring autumn"
    phone: str = ""
    website: str = ""
    gallery: Text = field(default_factory=dict)  # a second picture's subject, by language

    @property
    def languages(self):
        return [code for code in LANGUAGES if code in self.name]


ATTRACTIONS = [
    AttractionSpec(
        slug="fujioka-history-museum", category="museum", area="fujioka-center",
        name={"ja": "藤岡歴史館", "en": "Fujioka History Museum", "zh-hans": "藤冈历史馆",
              "zh-hant": "藤岡歷史館", "ko": "후지오카 역사관"},
        kana="ふじおかれきしかん", ruby="藤岡《ふじおか》歴史館《れきしかん》",
        summary={
            "ja": "古墳から出たはにわ、藤岡瓦、養蚕の道具まで。まちの千五百年をたどる小さな博物館です。",
            "en": "Haniwa figures from the burial mounds, Fujioka roof tiles and silk-farming "
            "tools: fifteen centuries of the town in one small museum.",
            "zh-hans": "从古坟出土的埴轮、藤冈瓦到养蚕工具，一座小小的博物馆讲述小城一千五百年的历史。",
            "zh-hant": "從古墳出土的埴輪、藤岡瓦到養蠶工具，一座小小的博物館訴說小城一千五百年的歷史。",
            "ko": "고분에서 나온 하니와, 후지오카 기와, 양잠 도구까지. 마을의 천오백 년을 따라가는 작은 박물관입니다.",
        },
        heading={"ja": "埴輪《はにわ》と瓦《かわら》のまち", "en": "A town of haniwa and tiles",
                 "zh-hans": "埴轮与瓦之城", "zh-hant": "埴輪與瓦之城", "ko": "하니와와 기와의 마을"},
        body={
            "ja": ["常設展では、市内の古墳から見つかった人物や馬のはにわを間近に見られます。",
                   "二階では、明治から続いた藤岡瓦の窯と、まちを支えた養蚕の暮らしを紹介しています。"],
            "en": ["The permanent galleries show haniwa figures of people and horses found in "
                   "the town's burial mounds, close enough to see the potters' finger marks.",
                   "Upstairs are the kilns of Fujioka roof tiles, made here since the Meiji era, "
                   "and the silk-farming life that kept the town going."],
            "zh-hans": ["常设展中可以近距离观赏市内古坟出土的人物和马形埴轮。",
                        "二楼介绍自明治时代延续至今的藤冈瓦窑，以及支撑小城发展的养蚕生活。"],
            "zh-hant": ["常設展中可以近距離欣賞市內古墳出土的人物和馬形埴輪。",
                        "二樓介紹自明治時代延續至今的藤岡瓦窯，以及支撐小城發展的養蠶生活。"],
            "ko": ["상설 전시에서는 시내 고분에서 발견된 사람과 말 모양의 하니와를 가까이에서 볼 수 있습니다.",
                   "2층에서는 메이지 시대부터 이어진 후지오카 기와 가마와 마을을 지탱한 양잠 생활을 소개합니다."],
        },
        postal_code="375-0024", street="藤岡1024-1", latitude="36.257200", longitude="139.077100",
        seasons_hours=((4, 10, "09:00", "17:00"), (11, 3, "09:00", "16:30")), closed_day=0,
        hours_note={"ja": "入館は閉館30分前まで。", "en": "Last entry 30 minutes before closing.",
                    "zh-hans": "闭馆前30分钟停止入馆。", "zh-hant": "閉館前30分鐘停止入館。",
                    "ko": "입관은 폐관 30분 전까지."},
        closures=("year_end", "maintenance"), fee=200, child_fee=0,
        station_walk=8, bus_stop=("歴史館前", "Rekishikan-mae"), bus_walk=1, car_minutes=8,
        parking=(30, 0), step_free=True, accessible_toilet=True, wheelchair_rental=True,
        barrier_free={
            "ja": "入口はスロープ、館内はエレベーターで二階へ上がれます。車いすを2台お貸しします。",
            "en": "A ramp at the entrance and a lift to the first floor. Two wheelchairs to borrow.",
            "zh-hans": "入口设有坡道，馆内可乘电梯到二楼。可借用轮椅2台。",
            "zh-hant": "入口設有坡道，館內可搭電梯到二樓。可借用輪椅2台。",
            "ko": "입구는 경사로, 관내 엘리베이터로 2층까지 갈 수 있습니다. 휠체어 2대를 대여합니다.",
        },
        best="spring autumn winter summer", phone="0274-22-1180",
        website="https://rekishikan.example.jp/",
        gallery={"ja": "はにわの展示室", "en": "The haniwa gallery", "zh-hans": "埴轮展厅",
                 "zh-hant": "埴輪展廳", "ko": "하니와 전시실"},
    ),
    AttractionSpec(
        slug="fujimori-shrine", category="temple_shrine", area="fujioka-center",
        name={"ja": "藤守神社", "en": "Fujimori Shrine"},
        kana="ふじもりじんじゃ", ruby="藤守《ふじもり》神社",
        summary={"ja": "樹齢四百年の藤が境内を覆う、まちの鎮守。五月の藤の季節は夜も灯りがともります。",
                 "en": "The town's guardian shrine, its grounds roofed by a 400-year-old wisteria; "
                 "in May it is lit up after dark."},
        body={"ja": ["社伝では室町時代の創建。拝殿の彫刻は地元の大工が三代かけて仕上げたものです。",
                     "御朱印は社務所で9時から16時まで受け付けています。"],
              "en": ["Said to have been founded in the Muromachi period; the carvings of the "
                     "worship hall took three generations of local carpenters.",
                     "Goshuin stamps are written at the shrine office from 9:00 to 16:00."]},
        postal_code="375-0024", street="藤岡588", latitude="36.260100", longitude="139.072200",
        station_walk=10, bus_stop=("藤守神社入口", "Fujimori-jinja Iriguchi"), bus_walk=2,
        car_minutes=9, parking=(10, 0),
        barrier_free={"ja": "鳥居から拝殿まで石段が25段あります。東側の坂道を通れば車いすで拝殿前まで行けます。",
                      "en": "25 stone steps lead from the gate to the hall; the slope on the east "
                      "side reaches the hall by wheelchair."},
        best="spring", phone="0274-22-0588",
    ),
    AttractionSpec(
        slug="fuji-no-oka-park", category="park", area="fujioka-center",
        name={"ja": "藤の丘公園", "en": "Fuji-no-Oka Park"},
        kana="ふじのおかこうえん", ruby="藤《ふじ》の丘《おか》公園",
        summary={"ja": "長さ百メートルの藤棚と芝生広場。春は藤まつり、毎月第2日曜は手しごと市でにぎわいます。",
                 "en": "A hundred-metre wisteria trellis and wide lawns: the wisteria festival in "
                 "spring and a craft fair every second Sunday."},
        body={"ja": ["藤の見ごろは4月下旬から5月上旬。白、薄紫、八重の藤が順に咲きます。",
                     "遊具のある広場と、車いすで一周できる舗装の散策路があります。"],
              "en": ["The wisteria is at its best from late April to early May, white, pale "
                     "violet and double-flowered in turn.",
                     "There is a playground, and a paved path round the park that works for "
                     "wheelchairs and pushchairs."]},
        postal_code="375-0011", street="岡之郷1520", latitude="36.263200", longitude="139.069800",
        station_walk=20, bus_stop=("藤の丘公園", "Fuji-no-Oka Koen"), bus_walk=1, car_minutes=7,
        parking=(120, 0), step_free=True, accessible_toilet=True,
        barrier_free={"ja": "園内の散策路は舗装され段差がありません。多目的トイレは管理棟にあります。",
                      "en": "The paths are paved and step-free; the accessible toilet is in the "
                      "park office building."},
        best="spring",
    ),
    AttractionSpec(
        slug="kawara-no-sato", category="experience", area="fujioka-center",
        name={"ja": "瓦の里ふれあい館", "en": "Kawara-no-Sato Tile House"},
        kana="かわらのさとふれあいかん",
        summary={"ja": "藤岡瓦の粘土で小皿や鬼面をつくる体験館。焼き上げた作品は後日お届けします。",
                 "en": "Make a small dish or a demon-face tile from Fujioka roof-tile clay; "
                 "your piece is fired and sent on afterwards."},
        body={"ja": ["体験は約90分。小学生から参加できます。", "焼き上がりまで約1か月。全国へ発送します（送料別）。"],
              "en": ["A session takes about 90 minutes; children from six can join.",
                     "Firing takes about a month; we post pieces anywhere in Japan (postage "
                     "extra)."]},
        postal_code="375-0024", street="藤岡2210", latitude="36.255000", longitude="139.079000",
        seasons_hours=((1, 12, "10:00", "16:00"),), closed_day=2, closures=("year_end",),
        fee=0, fee_note={"ja": "見学は無料。粘土体験は1人1,200円。",
                         "en": "Entry is free; the clay session is ¥1,200 a person."},
        station_walk=12, car_minutes=6, parking=(12, 0), step_free=True,
        barrier_free={"ja": "作業台は車いすのまま使える高さです。",
                      "en": "The workbenches are at a height for wheelchair users."},
        best="", phone="0274-22-2210",
    ),
    AttractionSpec(
        slug="kanna-no-yu", category="onsen", area="onishi",
        name={"ja": "鬼石温泉 かんなの湯", "en": "Onishi Onsen Kanna-no-Yu",
              "zh-hans": "鬼石温泉 神流之汤", "zh-hant": "鬼石溫泉 神流之湯",
              "ko": "오니시 온천 간나노유"},
        kana="おにしおんせん かんなのゆ", ruby="鬼石《おにし》温泉《おんせん》 かんなの湯《ゆ》",
        summary={
            "ja": "神流川を見下ろす露天風呂の日帰り温泉。肌ざわりのやわらかな弱アルカリ性の湯です。",
            "en": "A day spa with open-air baths above the Kanna River; the mildly alkaline "
            "water is soft on the skin.",
            "zh-hans": "可俯瞰神流川的露天温泉，当日往返即可享受。弱碱性泉水，触感柔滑。",
            "zh-hant": "可俯瞰神流川的露天溫泉，當日往返即可享受。弱鹼性泉水，觸感柔滑。",
            "ko": "간나가와강이 내려다보이는 노천탕이 있는 당일치기 온천. 피부에 부드러운 약알칼리성 온천수입니다.",
        },
        body={
            "ja": ["内湯、露天風呂、サウナのほか、川を眺める休憩所と食事処があります。",
                   "タオルは販売・貸し出しがあります。入れ墨のある方はご相談ください。"],
            "en": ["Indoor and open-air baths and a sauna, a rest room with river views and "
                   "a small restaurant.",
                   "Towels can be bought or rented. Guests with tattoos, please ask at the desk."],
            "zh-hans": ["设有室内浴池、露天浴池和桑拿，还有可眺望河景的休息室和餐厅。",
                        "毛巾可购买或租借。有文身的客人请先咨询前台。"],
            "zh-hant": ["設有室內浴池、露天浴池和三溫暖，還有可眺望河景的休息室和餐廳。",
                        "毛巾可購買或租借。有刺青的客人請先詢問櫃檯。"],
            "ko": ["실내탕, 노천탕, 사우나와 함께 강이 보이는 휴게실과 식당이 있습니다.",
                   "수건은 판매·대여합니다. 문신이 있는 분은 프런트에 문의해 주세요."],
        },
        postal_code="370-1401", street="鬼石215-3", latitude="36.199100", longitude="139.065500",
        seasons_hours=((4, 10, "10:00", "21:00"), (11, 3, "10:00", "20:00")), closed_day=1,
        hours_note={"ja": "受付は閉館1時間前まで。", "en": "Last admission one hour before closing.",
                    "zh-hans": "闭馆前1小时停止入场。", "zh-hant": "閉館前1小時停止入場。",
                    "ko": "접수는 폐관 1시간 전까지."},
        closures=("maintenance",), fee=600, child_fee=300,
        fee_note={"ja": "貸しタオル200円。", "en": "Towel rental ¥200.",
                  "zh-hans": "租借毛巾200日元。", "zh-hant": "租借毛巾200日圓。",
                  "ko": "수건 대여 200엔."},
        bus_stop=("鬼石", "Onishi"), bus_walk=6, car_minutes=25, parking=(80, 0),
        step_free=True, accessible_toilet=True, wheelchair_rental=True,
        barrier_free={
            "ja": "玄関から浴室まで段差がありません。内湯に手すりと入浴用の椅子があります。",
            "en": "Step-free from the door to the baths; the indoor bath has handrails and "
            "bathing chairs.",
            "zh-hans": "从大门到浴室没有台阶。室内浴池设有扶手和洗浴椅。",
            "zh-hant": "從大門到浴室沒有台階。室內浴池設有扶手和洗浴椅。",
            "ko": "현관에서 욕실까지 턱이 없습니다. 실내탕에 손잡이와 목욕 의자가 있습니다.",
        },
        best="autumn winter", phone="0274-52-3215", website="https://kannanoyu.example.jp/",
        gallery={"ja": "川を望む露天風呂", "en": "The open-air bath above the river",
                 "zh-hans": "眺望河景的露天浴池", "zh-hant": "眺望河景的露天浴池",
                 "ko": "강이 보이는 노천탕"},
    ),
    AttractionSpec(
        slug="kanna-river-promenade", category="nature", area="onishi",
        name={"ja": "神流川せせらぎ遊歩道", "en": "Kanna River Promenade"},
        kana="かんながわせせらぎゆうほどう", ruby="神流川《かんながわ》せせらぎ遊歩道《ゆうほどう》",
        summary={"ja": "鬼石の町なかから川沿いを歩く約2キロの遊歩道。夏は川遊び、秋は紅葉が楽しめます。",
                 "en": "A two-kilometre riverside walk from the middle of Onishi: paddling in "
                 "summer, red leaves in autumn."},
        body={"ja": ["途中に河原へ降りられる場所が三か所あります。増水時は河原に降りないでください。",
                     "終点の吊り橋からは、晴れた日に遠く浅間山が見えます。"],
              "en": ["There are three places to get down to the riverbank; stay off it when the "
                     "river is high.",
                     "From the footbridge at the far end you can see Mount Asama on a clear day."]},
        postal_code="370-1401", street="鬼石120付近", latitude="36.203500", longitude="139.065200",
        bus_stop=("鬼石", "Onishi"), bus_walk=3, car_minutes=25, parking=(15, 0),
        barrier_free={"ja": "入口から約500メートルは舗装されています。その先は砂利道です。",
                      "en": "The first 500 metres are paved; gravel after that."},
        best="summer autumn",
    ),
    AttractionSpec(
        slug="onishi-sake-street", category="history", area="onishi",
        name={"ja": "鬼石 酒蔵通り", "en": "Onishi Sake Street"},
        kana="おにし さかぐらどおり",
        summary={"ja": "白壁の酒蔵と商家が並ぶ旧街道。案内板をたどって、川の町の暮らしを歩いて知る通りです。",
                 "en": "An old highway lined with white-walled breweries and merchant houses; "
                 "signboards tell the story of the river town as you walk."},
        body={"ja": ["江戸時代には神流川の舟運で栄え、最盛期には五軒の酒蔵がありました。",
                     "今も残る神流川酒造では、仕込みの時期に甘い香りが通りまで漂います。"],
              "en": ["Boats on the Kanna River made the street rich in the Edo period, when five "
                     "breweries worked here.",
                     "In brewing season the sweet smell of Kannagawa Sake Brewery, still at work, "
                     "drifts into the street."]},
        postal_code="370-1401", street="鬼石95付近", latitude="36.201500", longitude="139.062800",
        bus_stop=("鬼石", "Onishi"), bus_walk=2, car_minutes=25, parking=None, step_free=True,
        barrier_free={"ja": "通りは平坦で歩道があります。", "en": "The street is flat, with a pavement."},
        best="winter spring",
    ),
    AttractionSpec(
        slug="koinobori-riverside", category="festival_site", area="onishi",
        name={"ja": "神流川こいのぼり河原", "en": "Kanna River Carp Streamer Meadow"},
        kana="かんながわこいのぼりかわら",
        summary={"ja": "春、川の上に八百匹のこいのぼりが泳ぐ河原。ふだんは芝生の広がる水辺の広場です。",
                 "en": "Each spring eight hundred carp streamers fly over the river here; the rest "
                 "of the year it is a grassy riverside meadow."},
        body={"ja": ["こいのぼりは4月上旬から5月上旬まで。期間中は臨時駐車場と売店が出ます。",
                     "河原は夏場のバーベキューも人気です（ごみはお持ち帰りください）。"],
              "en": ["The streamers fly from early April to early May, with extra parking and "
                     "food stalls.",
                     "In summer the meadow is popular for barbecues; please take your rubbish "
                     "home."]},
        postal_code="370-1401", street="鬼石河原", latitude="36.198500", longitude="139.061000",
        bus_stop=("鬼石", "Onishi"), bus_walk=8, car_minutes=24, parking=(60, 0),
        accessible_toilet=True,
        barrier_free={"ja": "河原へは緩やかなスロープで降りられます。",
                      "en": "A gentle ramp leads down to the meadow."},
        best="spring summer",
    ),
    AttractionSpec(
        slug="iwaya-kannon", category="temple_shrine", area="onishi",
        name={"ja": "岩屋観音堂", "en": "Iwaya Kannon Hall"},
        kana="いわやかんのんどう", ruby="岩屋《いわや》観音堂《かんのんどう》",
        summary={"ja": "岩壁に張り出すように建つ小さな観音堂。紅葉の季節は谷全体が赤く染まります。",
                 "en": "A small Kannon hall built out from a cliff face; in autumn the whole "
                 "valley turns red around it."},
        body={"ja": ["参道は杉木立の石段で、観音堂まで約15分。大晦日には除夜の鐘をつけます。",
                     "堂内の十一面観音は年に一度、十一月三日に開帳されます。"],
              "en": ["A stone stairway through cedars climbs to the hall in about fifteen "
                     "minutes. On New Year's Eve visitors ring the bell.",
                     "The eleven-headed Kannon inside is shown once a year, on 3 November."]},
        postal_code="370-1403", street="鬼石上の山1650", latitude="36.206800",
        longitude="139.058000", seasons_hours=((1, 12, "08:00", "17:00"),),
        bus_stop=("岩屋入口", "Iwaya Iriguchi"), bus_walk=15, car_minutes=28, parking=(8, 0),
        barrier_free={"ja": "石段が続くため、車いすでの参拝はできません。",
                      "en": "The steps make the hall unreachable by wheelchair."},
        best="autumn",
    ),
    AttractionSpec(
        slug="sakurayama-park", category="park", area="sakurayama",
        name={"ja": "桜山公園", "en": "Sakurayama Park", "zh-hans": "樱山公园",
              "zh-hant": "櫻山公園", "ko": "사쿠라야마 공원"},
        kana="さくらやまこうえん", ruby="桜山《さくらやま》公園《こうえん》",
        summary={
            "ja": "十一月から十二月に咲く冬桜と紅葉を一緒に楽しめる山の公園。七千本の冬桜が山肌を彩ります。",
            "en": "A hillside park where seven thousand winter cherries bloom in November and "
            "December, alongside the autumn leaves.",
            "zh-hans": "十一月至十二月开花的冬樱与红叶同时可赏的山间公园，七千棵冬樱点缀山坡。",
            "zh-hant": "十一月至十二月開花的冬櫻與紅葉同時可賞的山間公園，七千棵冬櫻點綴山坡。",
            "ko": "11월부터 12월까지 피는 겨울 벚꽃과 단풍을 함께 즐길 수 있는 산속 공원. 7천 그루의 겨울 벚꽃이 산을 물들입니다.",
        },
        heading={"ja": "冬桜《ふゆざくら》と紅葉《もみじ》", "en": "Winter cherries and red leaves",
                 "zh-hans": "冬樱与红叶", "zh-hant": "冬櫻與紅葉", "ko": "겨울 벚꽃과 단풍"},
        body={
            "ja": ["冬桜は春と冬の二度咲きます。見ごろの十一月下旬には、白い花と赤い紅葉が重なります。",
                   "山頂まで遊歩道で約20分。ふもとの広場から、車いすで見られる冬桜の並木もあります。"],
            "en": ["Winter cherries flower twice, in spring and in winter. In late November the "
                   "white blossom and the red maples are out together.",
                   "The summit is a twenty-minute walk; from the lower square a row of winter "
                   "cherries can be seen from a wheelchair."],
            "zh-hans": ["冬樱在春季和冬季各开一次。十一月下旬是最佳观赏期，白色樱花与红叶交相辉映。",
                        "沿步道到山顶约20分钟。山脚广场旁也有坐轮椅即可观赏的冬樱林荫道。"],
            "zh-hant": ["冬櫻在春季和冬季各開一次。十一月下旬是最佳觀賞期，白色櫻花與紅葉交相輝映。",
                        "沿步道到山頂約20分鐘。山腳廣場旁也有坐輪椅即可觀賞的冬櫻林蔭道。"],
            "ko": ["겨울 벚꽃은 봄과 겨울 두 번 핍니다. 절정인 11월 하순에는 하얀 꽃과 붉은 단풍이 겹쳐 보입니다.",
                   "정상까지는 산책로로 약 20분. 기슭 광장에는 휠체어로도 볼 수 있는 겨울 벚꽃 가로수길이 있습니다."],
        },
        postal_code="370-1404", street="譲原1540", latitude="36.201200", longitude="139.020800",
        hours_note={"ja": "冬桜の時期（11月〜12月）は8:30〜16:30に管理事務所が開きます。",
                    "en": "In the winter-cherry season (November and December) the park office "
                    "is open 8:30–16:30.",
                    "zh-hans": "冬樱季节（11月至12月）管理处开放时间为8:30至16:30。",
                    "zh-hant": "冬櫻季節（11月至12月）管理處開放時間為8:30至16:30。",
                    "ko": "겨울 벚꽃 시기(11~12월)에는 관리사무소가 8:30~16:30에 엽니다."},
        fee=300, child_fee=0,
        fee_note={"ja": "入園料は冬桜の時期（11月〜12月）だけかかります。",
                  "en": "The fee is charged only in the winter-cherry season (November and "
                  "December).",
                  "zh-hans": "门票仅在冬樱季节（11月至12月）收取。",
                  "zh-hant": "門票僅在冬櫻季節（11月至12月）收取。",
                  "ko": "입장료는 겨울 벚꽃 시기(11~12월)에만 받습니다."},
        bus_stop=("桜山公園入口", "Sakurayama Koen Iriguchi"), bus_walk=10, car_minutes=40,
        parking=(250, 500), accessible_toilet=True,
        barrier_free={
            "ja": "ふもとの広場と冬桜の並木は舗装されています。山頂への遊歩道は坂と階段です。",
            "en": "The lower square and the row of winter cherries are paved; the path to the "
            "summit has slopes and steps.",
            "zh-hans": "山脚广场和冬樱林荫道路面平整。通往山顶的步道有坡道和台阶。",
            "zh-hant": "山腳廣場和冬櫻林蔭道路面平整。通往山頂的步道有坡道和台階。",
            "ko": "기슭 광장과 겨울 벚꽃 가로수길은 포장되어 있습니다. 정상 산책로는 언덕과 계단입니다.",
        },
        best="autumn winter", phone="0274-52-1540", website="https://sakurayama.example.jp/",
        gallery={"ja": "冬桜の並木", "en": "The row of winter cherries", "zh-hans": "冬樱林荫道",
                 "zh-hant": "冬櫻林蔭道", "ko": "겨울 벚꽃 가로수길"},
    ),
    AttractionSpec(
        slug="sakurayama-summit", category="viewpoint", area="sakurayama",
        name={"ja": "桜山山頂展望台", "en": "Sakurayama Summit Lookout"},
        kana="さくらやまさんちょうてんぼうだい", ruby="桜山《さくらやま》山頂《さんちょう》展望台",
        summary={"ja": "標高591メートルの山頂から関東平野と上州の山々を一望。夜は星空観察の名所です。",
                 "en": "From the 591-metre summit the Kantō Plain and the Jōshū mountains spread "
                 "out below; at night it is a favourite spot for stargazing."},
        body={"ja": ["晴れた冬の朝は、遠く東京のビル群まで見えることがあります。",
                     "山頂までの林道は冬の間、凍結のため閉鎖されます。"],
              "en": ["On a clear winter morning you can sometimes make out the towers of Tokyo.",
                     "The forest road to the top is closed in midwinter because of ice."]},
        postal_code="370-1404", street="譲原1600付近", latitude="36.199500", longitude="139.018800",
        closures=("winter",), bus_stop=("桜山公園入口", "Sakurayama Koen Iriguchi"), bus_walk=30,
        car_minutes=45, parking=(20, 0),
        barrier_free={"ja": "駐車場から展望台までは約100メートルの砂利道です。",
                      "en": "About 100 metres of gravel path from the car park to the lookout."},
        best="autumn winter",
    ),
    AttractionSpec(
        slug="sakurayama-onsen", category="onsen", area="sakurayama",
        name={"ja": "桜山温泉 ほのかの湯", "en": "Sakurayama Onsen Honoka-no-Yu"},
        kana="さくらやまおんせん ほのかのゆ",
        summary={"ja": "冬桜を眺めながら入れる檜の露天風呂。山あいの静かな一軒宿の日帰り入浴です。",
                 "en": "A cypress-wood open-air bath with a view of the winter cherries, at a "
                 "quiet inn in the hills that welcomes day visitors."},
        body={"ja": ["日帰り入浴は10時から20時まで。貸切風呂は電話で予約できます。",
                     "湯上がりには、三波川のゆずを使ったゆず茶をどうぞ。"],
              "en": ["Day bathing is from 10:00 to 20:00; the private bath can be booked by "
                     "phone.",
                     "After your bath, try a cup of tea made with Sanbagawa yuzu."]},
        postal_code="370-1404", street="譲原880", latitude="36.206800", longitude="139.026200",
        seasons_hours=((1, 12, "10:00", "20:00"),), closed_day=3, closures=("year_end",),
        fee=700, child_fee=350, bus_stop=("桜山温泉", "Sakurayama Onsen"), bus_walk=2,
        car_minutes=38, parking=(30, 0),
        barrier_free={"ja": "脱衣所まで段差はありませんが、露天風呂へは階段があります。",
                      "en": "Step-free to the changing rooms; the open-air bath is down some "
                      "steps."},
        best="winter autumn", phone="0274-52-0880",
    ),
    AttractionSpec(
        slug="sanbagawa-forest", category="nature", area="sakurayama",
        name={"ja": "三波川ふれあいの森", "en": "Sanbagawa Forest Walk"},
        kana="さんばがわふれあいのもり",
        summary={"ja": "ゆず畑の上に広がる広葉樹の森。野鳥の声を聞きながら歩ける一周3キロの散策路です。",
                 "en": "A broadleaf wood above the yuzu orchards, with a three-kilometre loop "
                 "path full of birdsong."},
        body={"ja": ["春は新緑、初夏はカジカガエル、秋はどんぐり拾いが楽しめます。",
                     "森の入口に無料の休憩小屋とトイレがあります。"],
              "en": ["Fresh green in spring, singing frogs in early summer and acorns in "
                     "autumn.",
                     "A free rest hut and toilets stand at the entrance."]},
        postal_code="370-1405", street="三波川2040", latitude="36.208500", longitude="139.030100",
        car_minutes=35, parking=(20, 0),
        barrier_free={"ja": "散策路は土の道で、木の根や段差があります。",
                      "en": "The path is earth, with roots and steps."},
        best="spring summer autumn",
    ),
    AttractionSpec(
        slug="sanbaseki-gorge", category="nature", area="sanbaseki",
        name={"ja": "三波石峡", "en": "Sanbaseki Gorge", "zh-hans": "三波石峡",
              "zh-hant": "三波石峽", "ko": "산바세키 협곡"},
        kana="さんばせききょう", ruby="三波石峡《さんばせききょう》",
        summary={
            "ja": "青緑色の三波石が川床を埋める約1.5キロの渓谷。国の名勝に指定された石の景色です。",
            "en": "A gorge of about 1.5 kilometres whose riverbed is full of blue-green Sanba "
            "stones, a national Place of Scenic Beauty.",
            "zh-hans": "全长约1.5公里的溪谷，河床布满青绿色的三波石，被指定为国家名胜。",
            "zh-hant": "全長約1.5公里的溪谷，河床布滿青綠色的三波石，被指定為國家名勝。",
            "ko": "청록색 산바석이 강바닥을 가득 메운 약 1.5km의 계곡. 국가 명승으로 지정된 돌의 풍경입니다.",
        },
        body={
            "ja": ["遊歩道は上流と下流の二つの駐車場を結び、片道約40分です。",
                   "石を持ち帰ることはできません。雨のあとは岩が滑りやすいので、歩きやすい靴でどうぞ。"],
            "en": ["The path joins the upper and lower car parks, about forty minutes each way.",
                   "Please leave the stones where they are. The rocks are slippery after rain, "
                   "so wear good shoes."],
            "zh-hans": ["步道连接上游和下游两个停车场，单程约40分钟。",
                        "请勿带走石头。雨后岩石湿滑，请穿着便于行走的鞋子。"],
            "zh-hant": ["步道連接上游和下游兩個停車場，單程約40分鐘。",
                        "請勿帶走石頭。雨後岩石濕滑，請穿著好走的鞋子。"],
            "ko": ["산책로는 상류와 하류의 두 주차장을 잇고 편도 약 40분입니다.",
                   "돌은 가져갈 수 없습니다. 비가 온 뒤에는 바위가 미끄러우니 걷기 편한 신발을 신으세요."],
        },
        postal_code="370-1405", street="三波川1210付近", latitude="36.211200",
        longitude="139.036800", bus_stop=("三波石峡", "Sanbaseki-kyo"), bus_walk=3,
        car_minutes=30, parking=(40, 0), accessible_toilet=True,
        barrier_free={
            "ja": "下流の駐車場横に展望デッキがあり、車いすのまま渓谷を眺められます。遊歩道は岩場と階段です。",
            "en": "A viewing deck beside the lower car park shows the gorge from a wheelchair; "
            "the path itself is rocky, with steps.",
            "zh-hans": "下游停车场旁设有观景平台，坐轮椅也能欣赏溪谷。步道为岩石路面并有台阶。",
            "zh-hant": "下游停車場旁設有觀景平台，坐輪椅也能欣賞溪谷。步道為岩石路面並有台階。",
            "ko": "하류 주차장 옆 전망 데크에서 휠체어를 탄 채 계곡을 볼 수 있습니다. 산책로는 바위와 계단입니다.",
        },
        best="spring autumn",
        gallery={"ja": "川床の三波石", "en": "Sanba stones in the riverbed",
                 "zh-hans": "河床上的三波石", "zh-hant": "河床上的三波石",
                 "ko": "강바닥의 산바석"},
    ),
    AttractionSpec(
        slug="sanbaseki-stone-museum", category="museum", area="sanbaseki",
        name={"ja": "三波石ふれあい館", "en": "Sanba Stone Museum"},
        kana="さんばせきふれあいかん",
        summary={"ja": "庭石として江戸の大名にも愛された三波石の歴史と、渓谷の成り立ちを紹介する資料館です。",
                 "en": "How the gorge was formed, and the story of Sanba stone, prized by Edo "
                 "lords for their gardens."},
        body={"ja": ["手で触れられる石の標本と、渓谷の四季を映す大型映像があります。",
                     "館の前の庭には、名石と呼ばれる三波石が十二個並んでいます。"],
              "en": ["Stone samples you can handle, and a large-screen film of the gorge through "
                     "the seasons.",
                     "Twelve celebrated Sanba stones stand in the garden in front."]},
        postal_code="370-1405", street="三波川1180", latitude="36.209400", longitude="139.039500",
        seasons_hours=((4, 10, "09:00", "16:30"), (11, 3, "09:30", "16:00")), closed_day=0,
        closures=("year_end",), fee=200, child_fee=100, bus_stop=("三波石峡", "Sanbaseki-kyo"),
        bus_walk=2, car_minutes=30, parking=(25, 0), step_free=True, accessible_toilet=True,
        barrier_free={"ja": "館内はすべて平屋で段差がありません。",
                      "en": "All on one level, with no steps."},
        best="autumn", phone="0274-52-1180",
    ),
    AttractionSpec(
        slug="lake-kanna-lookout", category="viewpoint", area="sanbaseki",
        name={"ja": "神流湖展望広場", "en": "Lake Kanna Lookout", "zh-hans": "神流湖观景广场",
              "zh-hant": "神流湖觀景廣場", "ko": "간나호 전망 광장"},
        kana="かんなこてんぼうひろば", ruby="神流湖《かんなこ》展望広場",
        summary={
            "ja": "ダム湖と山並みを見渡す広場。夕暮れと、秋の朝の湖面に立つ霧が見事です。",
            "en": "A square looking over the dam lake and the mountains, at its best at dusk "
            "and on autumn mornings when mist lies on the water.",
            "zh-hans": "可眺望水库湖面与群山的广场。黄昏时分和秋天清晨湖面升起的雾气格外美丽。",
            "zh-hant": "可眺望水庫湖面與群山的廣場。黃昏時分和秋天清晨湖面升起的霧氣格外美麗。",
            "ko": "댐 호수와 산줄기가 내려다보이는 광장. 해 질 녘과 가을 아침 호수 위에 피어오르는 안개가 멋집니다.",
        },
        body={
            "ja": ["広場には売店とベンチがあり、湖を眺めながら休めます。",
                   "夏の花火大会の日は、広場が観覧席になります。"],
            "en": ["There is a kiosk and benches for resting with the lake in view.",
                   "On the night of the summer fireworks the square becomes the viewing area."],
            "zh-hans": ["广场设有小卖部和长椅，可以一边眺望湖景一边休息。",
                        "夏季烟花大会当天，这里会变成观赏席。"],
            "zh-hant": ["廣場設有小賣店和長椅，可以一邊眺望湖景一邊休息。",
                        "夏季煙火大會當天，這裡會變成觀賞席。"],
            "ko": ["광장에는 매점과 벤치가 있어 호수를 바라보며 쉴 수 있습니다.",
                   "여름 불꽃놀이 날에는 광장이 관람석이 됩니다."],
        },
        postal_code="370-1405", street="三波川820付近", latitude="36.213500",
        longitude="139.041500",
        seasons_hours=((4, 10, "07:00", "19:00"), (11, 3, "08:00", "17:00")),
        closures=("year_end",), bus_stop=("神流湖", "Kannako"), bus_walk=4, car_minutes=30,
        parking=(50, 0), step_free=True, accessible_toilet=True,
        barrier_free={
            "ja": "駐車場から広場まで段差はなく、車いす用の駐車スペースが2台分あります。",
            "en": "Step-free from the car park, which has two spaces for wheelchair users.",
            "zh-hans": "从停车场到广场没有台阶，设有2个轮椅使用者专用车位。",
            "zh-hant": "從停車場到廣場沒有台階，設有2個輪椅使用者專用車位。",
            "ko": "주차장에서 광장까지 턱이 없고 휠체어 이용자 전용 주차 공간이 2대 있습니다.",
        },
        best="autumn summer",
    ),
    AttractionSpec(
        slug="kannako-maple-path", category="nature", area="sanbaseki",
        name={"ja": "神流湖もみじの小径", "en": "Lake Kanna Maple Path"},
        kana="かんなこもみじのこみち",
        summary={"ja": "湖の北岸に続く約800本のもみじ並木。十一月中旬が見ごろです。",
                 "en": "About eight hundred maples along the lake's north shore, reddest in "
                 "mid-November."},
        body={"ja": ["湖面に映る紅葉を眺めながら、片道30分ほどの平坦な道を歩けます。",
                     "途中の東屋から、冬桜の咲く桜山も見えます。"],
              "en": ["A flat path of about thirty minutes each way, with the red leaves "
                     "reflected in the lake.",
                     "From the shelter halfway you can see Sakurayama and its winter cherries."]},
        postal_code="370-1405", street="三波川湖畔", latitude="36.215000", longitude="139.035200",
        car_minutes=32, parking=(15, 0), step_free=True,
        barrier_free={"ja": "道は舗装され、ほぼ平坦です。", "en": "Paved and almost flat."},
        best="autumn",
    ),
    AttractionSpec(
        slug="mikuri-kofun-hill", category="history", area="mikuri",
        name={"ja": "美九里古墳の丘", "en": "Mikuri Burial Mound Hill"},
        kana="みくりこふんのおか", ruby="美九里《みくり》古墳《こふん》の丘",
        summary={"ja": "大小三十基の古墳が点在する丘。復元された前方後円墳に登ると、田園と山々が見渡せます。",
                 "en": "A hill dotted with thirty burial mounds; climb the restored keyhole "
                 "mound for a view over fields and mountains."},
        body={"ja": ["古墳は六世紀ごろのもの。墳丘にははにわの複製が並んでいます。",
                     "案内板にはQRコードがあり、スマートフォンで解説を聞けます。"],
              "en": ["The mounds date from around the sixth century; copies of haniwa line the "
                     "restored one.",
                     "QR codes on the signboards play a spoken guide on your phone."]},
        postal_code="375-0041", street="上戸塚330", latitude="36.245200", longitude="139.044500",
        bus_stop=("古墳の丘", "Kofun-no-Oka"), bus_walk=3, car_minutes=12, parking=(30, 0),
        accessible_toilet=True,
        barrier_free={"ja": "丘のふもとの広場までは舗装路です。墳丘には階段があります。",
                      "en": "Paved to the square at the foot of the hill; steps up the mound."},
        best="spring autumn",
    ),
    AttractionSpec(
        slug="haniwa-workshop", category="experience", area="mikuri",
        name={"ja": "はにわ工房 つちのさと", "en": "Tsuchi-no-Sato Haniwa Workshop"},
        kana="はにわこうぼう つちのさと",
        summary={"ja": "古墳のまちで、自分だけのはにわをつくる粘土体験。家族連れに人気です。",
                 "en": "Model your own haniwa in clay in the town of burial mounds; popular with "
                 "families."},
        body={"ja": ["体験は約2時間。野焼きで仕上げた作品は約3週間後にお渡しします。",
                     "団体は20名まで。前日までに電話でご予約ください。"],
              "en": ["A session takes about two hours; pieces are pit-fired and ready about "
                     "three weeks later.",
                     "Groups of up to twenty, booked by phone the day before at the latest."]},
        postal_code="375-0041", street="上戸塚515", latitude="36.241800", longitude="139.050200",
        seasons_hours=((1, 12, "09:30", "16:00"),), closed_day=0, closures=("year_end",),
        fee=0, fee_note={"ja": "見学は無料。はにわづくり体験は1人1,500円。",
                         "en": "Watching is free; the haniwa session is ¥1,500 a person."},
        bus_stop=("古墳の丘", "Kofun-no-Oka"), bus_walk=8, car_minutes=13, parking=(20, 0),
        step_free=True, accessible_toilet=True,
        barrier_free={"ja": "工房は平屋で、車いすのまま作業できます。",
                      "en": "All on one level; you can work from a wheelchair."},
        best="", phone="0274-23-0515",
    ),
    AttractionSpec(
        slug="mikuri-satoyama-park", category="park", area="mikuri",
        name={"ja": "美九里里山公園", "en": "Mikuri Satoyama Park"},
        kana="みくりさとやまこうえん",
        summary={"ja": "棚田とため池、雑木林を残した里山の公園。春の菜の花と初夏の田植えの風景が見どころです。",
                 "en": "Terraced rice fields, a pond and coppice woods kept as they were: rape "
                 "blossom in spring and rice planting in early summer."},
        body={"ja": ["田植えや稲刈りの体験会を季節ごとに開いています。",
                     "芝生の広場ではお弁当を広げられます。"],
              "en": ["Rice planting and harvest days are held each season.",
                     "Bring a picnic for the lawn."]},
        postal_code="375-0042", street="中大塚1200", latitude="36.246500", longitude="139.052000",
        bus_stop=("里山公園", "Satoyama Koen"), bus_walk=1, car_minutes=11, parking=(60, 0),
        step_free=True, accessible_toilet=True,
        barrier_free={"ja": "管理棟と芝生広場のまわりは段差がありません。",
                      "en": "Step-free around the park office and the lawn."},
        best="spring summer",
    ),
    AttractionSpec(
        slug="firefly-stream", category="nature", area="mikuri",
        name={"ja": "ほたるの小川", "en": "Firefly Stream"},
        kana="ほたるのおがわ",
        summary={"ja": "六月の夜、ゲンジボタルが舞う小川。地元の人が守ってきた水辺です。",
                 "en": "A stream where Genji fireflies dance on June nights, looked after by the "
                 "people who live along it."},
        body={"ja": ["ほたるが多いのは6月中旬の20時ごろ。懐中電灯は足もとだけを照らしてください。",
                     "ほたるを捕まえることはできません。"],
              "en": ["Fireflies are most numerous around 20:00 in mid-June; point torches only "
                     "at your feet.",
                     "Please do not catch the fireflies."]},
        postal_code="375-0042", street="中大塚820付近", latitude="36.239800", longitude="139.046800",
        bus_stop=("里山公園", "Satoyama Koen"), bus_walk=10, car_minutes=12,
        parking=(20, 0),
        barrier_free={"ja": "小川沿いは未舗装です。", "en": "The stream-side path is unpaved."},
        best="summer",
    ),
    AttractionSpec(
        slug="hoshimidai", category="viewpoint", area="mikuri",
        name={"ja": "美九里の丘 星見台", "en": "Mikuri Hill Star Terrace"},
        kana="みくりのおか ほしみだい",
        summary={"ja": "街の灯りから離れた丘の上のテラス。冬は空気が澄み、天の川まで見える夜があります。",
                 "en": "A hilltop terrace away from the town lights; on clear winter nights you "
                 "can see the Milky Way."},
        body={"ja": ["テラスは一晩中開いています。夜は冷え込むので防寒具をお忘れなく。",
                     "昼間は赤城山と榛名山がよく見えます。"],
              "en": ["The terrace is open all night; bring warm clothes, it gets cold.",
                     "By day Mount Akagi and Mount Haruna are in full view."]},
        postal_code="375-0041", street="上戸塚1800付近", latitude="36.248000", longitude="139.043000",
        car_minutes=15, parking=(10, 0), step_free=True,
        barrier_free={"ja": "駐車場からテラスまで平坦です。", "en": "Level from the car park."},
        best="winter",
    ),
]  # fmt: skip


# -- events -------------------------------------------------------------------------

ORGANISERS = {
    "fuji-no-ichi": {"ja": "農産物直売所ふじの市 出荷者の会",
                     "en": "Fuji-no-Ichi Farmers' Market Growers",
                     "zh-hans": "农产品直销所「ふじの市」农户协会",
                     "zh-hant": "農產品直售所「ふじの市」農戶協會",
                     "ko": "농산물 직판장 후지노이치 출하자 모임"},
    "onishi": {"ja": "鬼石まちなか活性化の会", "en": "Onishi Town Centre Association",
               "zh-hans": "鬼石街区振兴会", "zh-hant": "鬼石街區振興會",
               "ko": "오니시 마을 활성화 모임"},
    "fuyuzakura": {"ja": "桜山冬桜まつり実行委員会",
                   "en": "Sakurayama Winter Cherry Festival Committee",
                   "zh-hans": "樱山冬樱节执行委员会", "zh-hant": "櫻山冬櫻祭執行委員會",
                   "ko": "사쿠라야마 겨울 벚꽃 축제 실행위원회"},
    "kanko": {"ja": "ふじおか観光まちづくり協議会",
              "en": "Fujioka Tourism and Community Council"},
    "teshigoto": {"ja": "藤岡てしごと市の会", "en": "Fujioka Craft Fair Group"},
    "kannon": {"ja": "岩屋観音堂保存会", "en": "Iwaya Kannon Hall Preservation Society"},
    "mikuri": {"ja": "美九里地区自治会連合会", "en": "Mikuri District Residents' Association"},
    "sanbaseki": {"ja": "三波石峡を守る会", "en": "Friends of the Sanbaseki Gorge"},
    "yoga": {"ja": "かわべヨガの会", "en": "Riverside Yoga Circle"},
}  # fmt: skip
ORGANISER_PHONES = {
    "fuji-no-ichi": "0274-22-8012", "onishi": "0274-52-0095", "fuyuzakura": "0274-52-1540",
    "kanko": "0274-22-0001", "teshigoto": "0274-22-7710", "kannon": "0274-52-1650",
    "mikuri": "0274-23-0330", "sanbaseki": "0274-52-1210", "yoga": "090-4412-7021",
}  # fmt: skip


@dataclass(frozen=True)
class EventSpec:
    slug: str
    category: str
    name: Text
    summary: Text
    body: Text  # {language: [paragraph, ...]}
    venue: tuple[str, str]  # ("attraction", slug) or ("shop", storefront slug)
    # When, relative to the load day:
    #   ("days", offset, length): starts `offset` days after it, lasts `length` days
    #   ("yearly", month, day, length): the next such date after it (month 0: any month)
    #   ("weekday", offset, weekday): the first such weekday `offset` days after it
    #   ("nth", n, weekday): the next month's n-th such weekday (n=2, weekday=6: 2nd Sunday)
    when: tuple
    start_time: str = ""
    end_time: str = ""
    repeat: str = ""
    repeat_interval: int = 1
    repeat_weekdays: tuple[int, ...] = ()
    repeat_days: int = 0  # repeats until this many days after the start
    # Dates it does not take place: "year_end" (occurrences from 29 Dec to 3 Jan) or an
    # occurrence's index, with a note.
    exceptions: tuple = ()
    exception_note: Text = field(default_factory=dict)
    kana: str = ""
    ruby: str = ""
    date_note: Text = field(default_factory=dict)
    organiser: str = "venue"  # an ORGANISERS key, or "venue" (the venue runs it)
    price: int | None = 0
    price_details: Text = field(default_factory=dict)  # otherwise made from the price
    booking: str = ""  # "online", "phone" or "" (no booking)
    capacity: int | None = None
    status: str = "scheduled"

    @property
    def languages(self):
        return [code for code in LANGUAGES if code in self.name]


SATURDAY, SUNDAY, WEDNESDAY = 5, 6, 2

EVENTS = [
    # Repeating events
    EventSpec(
        slug="saturday-morning-market", category="market",
        name={"ja": "ふじの市 土曜朝市", "en": "Fuji-no-Ichi Saturday Morning Market",
              "zh-hans": "「ふじの市」周六早市", "zh-hant": "「ふじの市」週六早市",
              "ko": "후지노이치 토요 아침시장"},
        kana="ふじのいち どようあさいち",
        summary={"ja": "毎週土曜の朝、とれたての野菜と果物、手づくりのおにぎりやお惣菜が並びます。",
                 "en": "Every Saturday morning: just-picked vegetables and fruit, homemade rice "
                 "balls and side dishes.",
                 "zh-hans": "每周六早上，新鲜采摘的蔬菜水果、手工饭团和家常小菜在这里摆摊售卖。",
                 "zh-hant": "每週六早上，新鮮採摘的蔬菜水果、手工飯糰和家常小菜在這裡擺攤販售。",
                 "ko": "매주 토요일 아침, 갓 수확한 채소와 과일, 손수 만든 주먹밥과 반찬이 늘어섭니다."},
        body={"ja": ["生産者と直接話しながら買い物ができます。エコバッグをお持ちください。",
                     "売り切れ次第終了します。早めのお越しがおすすめです。"],
              "en": ["Buy straight from the growers and ask them anything. Please bring your "
                     "own bag.",
                     "Stalls close when they sell out, so come early."],
              "zh-hans": ["可以直接和种植者交流后购买。请自带购物袋。", "售完即止，建议早点前来。"],
              "zh-hant": ["可以直接和種植者交流後購買。請自備購物袋。", "售完為止，建議早點前來。"],
              "ko": ["생산자와 직접 이야기하며 장을 볼 수 있습니다. 장바구니를 챙겨 주세요.",
                     "다 팔리면 끝나니 일찍 오시는 것을 추천합니다."]},
        venue=("shop", "fuji-no-ichi"), when=("weekday", 1, SATURDAY),
        start_time="07:00", end_time="10:00", repeat="weekly", repeat_days=119,
        exceptions=("year_end", 5),
        exception_note={"ja": "休み", "en": "No market", "zh-hans": "休市", "zh-hant": "休市",
                        "ko": "휴장"},
        date_note={"ja": "雨天決行。", "en": "Held rain or shine.", "zh-hans": "风雨无阻。",
                   "zh-hant": "風雨無阻。", "ko": "우천 시에도 진행합니다."},
        organiser="fuji-no-ichi",
    ),
    EventSpec(
        slug="teshigoto-craft-fair", category="market",
        name={"ja": "藤岡てしごと市", "en": "Fujioka Handmade Craft Fair"},
        kana="ふじおかてしごといち",
        summary={"ja": "毎月第2日曜、藤棚の下に器、布もの、木工、革小物の作り手が集まるクラフト市。",
                 "en": "On the second Sunday of every month, potters, weavers, woodworkers and "
                 "leatherworkers gather under the wisteria trellis."},
        body={"ja": ["出店は毎回約40組。地元の菓子店やコーヒースタンドも出ます。",
                     "出店の申し込みは前月末までに会のウェブサイトから。"],
              "en": ["About forty makers each time, with local sweet shops and a coffee stand.",
                     "Makers apply through the group's website by the end of the month before."]},
        venue=("attraction", "fuji-no-oka-park"), when=("nth", 2, SUNDAY),
        start_time="10:00", end_time="15:00", repeat="monthly_weekday", repeat_days=364,
        exceptions=(2,), exception_note={"ja": "芝生の養生のため休み",
                                         "en": "No fair: the lawn is being reseeded"},
        date_note={"ja": "小雨決行。荒天時は中止。", "en": "Held in light rain; called off in storms."},
        organiser="teshigoto",
    ),
    EventSpec(
        slug="sake-street-lanterns", category="seasonal",
        name={"ja": "酒蔵通り 灯りの小径", "en": "Lantern Nights on Sake Street",
              "zh-hans": "酒藏街 灯光小径", "zh-hant": "酒藏街 燈光小徑",
              "ko": "사카구라 거리 등불의 오솔길"},
        kana="さかぐらどおり あかりのこみち", ruby="酒蔵《さかぐら》通り 灯《あか》りの小径《こみち》",
        summary={"ja": "毎晩、鬼石の酒蔵通りを千個の和紙の灯りがやさしく照らします。",
                 "en": "Every evening a thousand washi-paper lanterns light Onishi's old sake "
                 "street.",
                 "zh-hans": "每天晚上，一千盏和纸灯笼温柔地照亮鬼石的酒藏老街。",
                 "zh-hant": "每天晚上，一千盞和紙燈籠溫柔地照亮鬼石的酒藏老街。",
                 "ko": "매일 밤 천 개의 화지 등불이 오니시의 사카구라 거리를 은은하게 밝힙니다."},
        body={"ja": ["灯りは地元の小学生と酒蔵の人たちの手づくりです。",
                     "期間中の金曜と土曜は、神流川酒造が夜の直売所を開きます。"],
              "en": ["The lanterns are made by local schoolchildren and the brewery workers.",
                     "On Fridays and Saturdays Kannagawa Sake Brewery keeps its shop open late."],
              "zh-hans": ["灯笼由当地小学生和酒藏的工作人员亲手制作。",
                          "活动期间每周五和周六，神流川酒造的直销店开到晚上。"],
              "zh-hant": ["燈籠由當地小學生和酒藏的工作人員親手製作。",
                          "活動期間每週五和週六，神流川酒造的直售店營業到晚上。"],
              "ko": ["등불은 지역 초등학생들과 양조장 사람들이 손수 만들었습니다.",
                     "기간 중 금요일과 토요일에는 간나가와 양조장이 밤에도 직판장을 엽니다."]},
        venue=("attraction", "onishi-sake-street"), when=("days", 5, 1),
        start_time="17:00", end_time="21:00", repeat="daily", repeat_days=55,
        exceptions=(10, 11),
        exception_note={"ja": "設備点検のため点灯なし", "en": "No lanterns: equipment check",
                        "zh-hans": "设备检修，不点灯", "zh-hant": "設備檢修，不點燈",
                        "ko": "설비 점검으로 점등하지 않음"},
        date_note={"ja": "雨の日も点灯します。", "en": "Lit in rain too.",
                   "zh-hans": "雨天照常点灯。", "zh-hant": "雨天照常點燈。",
                   "ko": "비가 와도 점등합니다."},
        organiser="onishi",
    ),
    EventSpec(
        slug="wednesday-soba-class", category="workshop",
        name={"ja": "水曜そば打ち教室", "en": "Wednesday Soba-Making Class"},
        kana="すいようそばうちきょうしつ",
        summary={"ja": "毎週水曜、地元のそば粉で二八そばを打ち、打ちたてを味わう教室です。",
                 "en": "Every Wednesday, make soba from local buckwheat flour and eat it fresh."},
        body={"ja": ["道具とエプロンはお貸しします。打ったそばはお持ち帰りもできます。",
                     "初めての方も、講師が一人ずつ教えます。"],
              "en": ["Tools and aprons are provided; take home any soba you do not eat.",
                     "Beginners are welcome: the teacher helps each person in turn."]},
        venue=("shop", "sobauchi-dojo-mikuri"), when=("weekday", 2, WEDNESDAY),
        start_time="10:00", end_time="12:00", repeat="weekly", repeat_days=90,
        exceptions=("year_end",), exception_note={"ja": "年末年始休み",
                                                  "en": "New Year break"},
        price=2500, booking="phone", capacity=8,
    ),
    EventSpec(
        slug="hachi-no-hi-market", category="market",
        name={"ja": "鬼石 八の日市", "en": "Onishi Eighth-Day Market"},
        kana="おにし はちのひいち",
        summary={"ja": "毎月8日、酒蔵通りに昔ながらの露店が並ぶ市。川魚の甘露煮や手打ちうどんが名物です。",
                 "en": "On the 8th of every month the old sake street fills with stalls, known "
                 "for sweet-simmered river fish and hand-cut udon."},
        body={"ja": ["江戸時代から続く市を、地元の商店が復活させました。",
                     "通りは歩行者天国になります。"],
              "en": ["Local shopkeepers revived a market held here since the Edo period.",
                     "The street is closed to traffic during the market."]},
        venue=("attraction", "onishi-sake-street"), when=("yearly", 0, 8, 1),
        start_time="09:00", end_time="13:00", repeat="monthly_date", repeat_days=180,
        organiser="onishi",
    ),
    EventSpec(
        slug="riverside-morning-yoga", category="sports",
        name={"ja": "河原の朝ヨガ", "en": "Riverside Morning Yoga"},
        kana="かわらのあさよが",
        summary={"ja": "隔週日曜の朝、川の音を聞きながら体をほぐす1時間のヨガ。",
                 "en": "An hour of gentle yoga to the sound of the river, every other Sunday "
                 "morning."},
        body={"ja": ["ヨガマットをお持ちください（貸し出しは5枚まで）。", "雨の日は中止です。"],
              "en": ["Bring a mat if you have one (five to borrow).", "Called off in rain."]},
        venue=("attraction", "kanna-river-promenade"), when=("weekday", 3, SUNDAY),
        start_time="08:00", end_time="09:00", repeat="weekly", repeat_interval=2,
        repeat_days=120, exceptions=("year_end",),
        exception_note={"ja": "年末年始休み", "en": "New Year break"},
        organiser="yoga", price=500, booking="online", capacity=20,
    ),
    EventSpec(
        slug="museum-gallery-talk", category="exhibition",
        name={"ja": "歴史館ギャラリートーク", "en": "Gallery Talks at the History Museum"},
        kana="れきしかんぎゃらりーとーく",
        summary={"ja": "土曜と日曜の午後、学芸員がはにわと藤岡瓦の見どころを30分で案内します。",
                 "en": "On Saturday and Sunday afternoons a curator shows you the highlights of "
                 "the haniwa and tile galleries in thirty minutes."},
        body={"ja": ["申し込みは不要です。時間になったら一階ロビーにお集まりください。",
                     "手話通訳をご希望の方は一週間前までにご連絡ください。"],
              "en": ["No need to book: meet in the ground-floor lobby at the start time.",
                     "For sign-language interpreting, please tell us a week ahead."]},
        venue=("attraction", "fujioka-history-museum"), when=("weekday", 1, SATURDAY),
        start_time="14:00", end_time="14:30", repeat="weekly", repeat_weekdays=(5, 6),
        repeat_days=60, exceptions=("year_end",),
        exception_note={"ja": "休館日", "en": "Museum closed"},
        price=0, price_details={"ja": "参加無料（入館料が必要です）。",
                                "en": "Free with museum admission."},
    ),
    # Festivals and seasonal events on their dates
    EventSpec(
        slug="winter-cherry-festival", category="festival",
        name={"ja": "桜山冬桜まつり", "en": "Sakurayama Winter Cherry Festival",
              "zh-hans": "樱山冬樱节", "zh-hant": "櫻山冬櫻祭", "ko": "사쿠라야마 겨울 벚꽃 축제"},
        kana="さくらやまふゆざくらまつり", ruby="桜山《さくらやま》冬桜《ふゆざくら》まつり",
        summary={"ja": "冬桜と紅葉が同時に見ごろを迎える桜山公園で、ライトアップや物産市を開きます。",
                 "en": "Illuminations and a local produce market at Sakurayama Park, while the "
                 "winter cherries and the autumn leaves are out together.",
                 "zh-hans": "在冬樱与红叶同时迎来最佳观赏期的樱山公园，举办夜间灯光秀和特产市集。",
                 "zh-hant": "在冬櫻與紅葉同時迎來最佳觀賞期的櫻山公園，舉辦夜間點燈和特產市集。",
                 "ko": "겨울 벚꽃과 단풍이 함께 절정을 맞는 사쿠라야마 공원에서 라이트업과 특산물 장터를 엽니다."},
        body={"ja": ["土曜と日曜は、ゆず餅や鬼石の地酒などを売る物産市が出ます。",
                     "期間中は鬼石から臨時のシャトルバスが走ります。"],
              "en": ["At weekends a market sells yuzu rice cakes, Onishi sake and more.",
                     "A shuttle bus runs from Onishi throughout the festival."],
              "zh-hans": ["周六和周日有特产市集，出售柚子年糕、鬼石地酒等。",
                          "活动期间有从鬼石发车的临时接驳巴士。"],
              "zh-hant": ["週六和週日有特產市集，販售柚子麻糬、鬼石地酒等。",
                          "活動期間有從鬼石發車的臨時接駁公車。"],
              "ko": ["토요일과 일요일에는 유자떡과 오니시 지역 술 등을 파는 특산물 장터가 열립니다.",
                     "기간 중에는 오니시에서 임시 셔틀버스가 운행합니다."]},
        venue=("attraction", "sakurayama-park"), when=("yearly", 11, 1, 40),
        start_time="08:30", end_time="16:30",
        date_note={"ja": "ライトアップは17時から20時まで。", "en": "Lit up from 17:00 to 20:00.",
                   "zh-hans": "灯光秀时间为17:00至20:00。", "zh-hant": "點燈時間為17:00至20:00。",
                   "ko": "라이트업은 17시부터 20시까지."},
        organiser="fuyuzakura", price=300,
        price_details={"ja": "入園料300円（中学生以下無料）。",
                       "en": "Park admission ¥300 (children up to 15 free).",
                       "zh-hans": "入园费300日元（初中生及以下免费）。",
                       "zh-hant": "入園費300日圓（國中生以下免費）。",
                       "ko": "입장료 300엔(중학생 이하 무료)."},
    ),
    EventSpec(
        slug="carp-streamer-festival", category="festival",
        name={"ja": "神流川こいのぼりまつり", "en": "Kanna River Carp Streamer Festival"},
        kana="かんながわこいのぼりまつり",
        summary={"ja": "八百匹のこいのぼりが川の上を泳ぐ、鬼石の春の祭り。",
                 "en": "Onishi's spring festival, with eight hundred carp streamers flying over "
                 "the river."},
        body={"ja": ["こどもの日には、もちまきと和太鼓の演奏があります。",
                     "こいのぼりは4月上旬から揚がっています。"],
              "en": ["On Children's Day there is rice-cake throwing and taiko drumming.",
                     "The streamers are up from early April."]},
        venue=("attraction", "koinobori-riverside"), when=("yearly", 4, 29, 7),
        start_time="09:00", end_time="16:00", organiser="onishi",
    ),
    EventSpec(
        slug="wisteria-festival", category="festival",
        name={"ja": "藤の丘ふじまつり", "en": "Fuji-no-Oka Wisteria Festival"},
        kana="ふじのおかふじまつり",
        summary={"ja": "満開の藤棚の下で、茶会や地元の音楽演奏を楽しむ春の祭り。",
                 "en": "Tea ceremonies and local music under the wisteria in full bloom."},
        body={"ja": ["夜は藤棚のライトアップがあります（18時〜21時）。",
                     "期間中、公園の駐車場は有料（1回500円）になります。"],
              "en": ["The trellis is lit up in the evening (18:00–21:00).",
                     "During the festival the park's car park costs ¥500 a visit."]},
        venue=("attraction", "fuji-no-oka-park"), when=("yearly", 4, 20, 17),
        start_time="09:00", end_time="21:00", organiser="kanko",
    ),
    EventSpec(
        slug="lake-kanna-fireworks", category="festival",
        name={"ja": "神流湖 花火の夕べ", "en": "Lake Kanna Fireworks Evening"},
        kana="かんなこ はなびのゆうべ",
        summary={"ja": "湖面に映る二千発の花火。山に響く音も見どころです。",
                 "en": "Two thousand fireworks reflected in the lake, their booms echoing off "
                 "the mountains."},
        body={"ja": ["観覧は無料。湖畔の有料席（椅子つき）は予約制です。",
                     "当日は周辺道路が混み合います。シャトルバスをご利用ください。"],
              "en": ["Watching is free; lakeside seats with chairs are bookable.",
                     "Roads are busy on the night, so please take the shuttle bus."]},
        venue=("attraction", "lake-kanna-lookout"), when=("yearly", 8, 14, 1),
        start_time="19:30", end_time="20:30", organiser="kanko", price=0,
        price_details={"ja": "観覧無料。有料席1席3,000円。",
                       "en": "Free to watch; reserved seats ¥3,000 each."},
        booking="online", capacity=400,
    ),
    EventSpec(
        slug="new-sake-festival", category="food",
        name={"ja": "神流川酒造 新酒まつり", "en": "Kannagawa New Sake Festival"},
        kana="かんながわしゅぞう しんしゅまつり",
        summary={"ja": "しぼりたての新酒を蔵の中で味わえる年に一度の蔵開き。",
                 "en": "Once a year the brewery opens its doors to taste the new sake, straight "
                 "from the press."},
        body={"ja": ["試飲はおちょこ付きの入場券で。運転される方には仕込み水をお出しします。",
                     "酒粕汁と甘酒の振る舞いもあります。"],
              "en": ["Tasting is with the entry ticket, which includes a cup. Drivers get the "
                     "brewing water instead.",
                     "Sake-lees soup and sweet amazake are served free."]},
        venue=("shop", "kannagawa-shuzo"), when=("yearly", 2, 22, 1),
        start_time="10:00", end_time="15:00", price=1000, booking="online", capacity=300,
    ),
    EventSpec(
        slug="yamabuki-brewery-open-day", category="food",
        name={"ja": "山吹酒造 蔵開き", "en": "Yamabuki Brewery Open Day"},
        kana="やまぶきしゅぞう くらびらき",
        summary={"ja": "仕込み蔵の見学と、季節限定酒の試飲。美九里の春の恒例行事です。",
                 "en": "Tours of the brewing hall and tastings of seasonal sake: a Mikuri spring "
                 "tradition."},
        body={"ja": ["蔵の見学は30分ごと。先着順です。", "地元の農家による軽食の屋台が出ます。"],
              "en": ["Brewery tours every thirty minutes, first come, first served.",
                     "Local farmers run food stalls."]},
        venue=("shop", "yamabuki-shuzo"), when=("yearly", 3, 8, 1),
        start_time="10:00", end_time="16:00",
    ),
    EventSpec(
        slug="setsubun-at-fujimori", category="festival",
        name={"ja": "藤守神社 節分祭", "en": "Setsubun at Fujimori Shrine"},
        kana="ふじもりじんじゃ せつぶんさい",
        summary={"ja": "年男年女が豆をまき、鬼を追い払う節分の行事。",
                 "en": "People born in the zodiac year throw beans to drive out the demons of "
                 "winter."},
        body={"ja": ["豆まきは15時から。お菓子も一緒にまかれます。",
                     "境内は混み合います。小さなお子さんは保護者と一緒にどうぞ。"],
              "en": ["Bean throwing starts at 15:00, with sweets thrown too.",
                     "The grounds get crowded; keep small children close."]},
        venue=("attraction", "fujimori-shrine"), when=("yearly", 2, 3, 1),
        start_time="15:00", end_time="16:00",
    ),
    EventSpec(
        slug="new-year-at-fujimori", category="festival",
        name={"ja": "藤守神社 歳旦祭", "en": "New Year Rite at Fujimori Shrine"},
        kana="ふじもりじんじゃ さいたんさい",
        summary={"ja": "元日の朝、一年の平安を祈る神事。甘酒の振る舞いがあります。",
                 "en": "A New Year's morning rite for a peaceful year, with warm amazake for "
                 "everyone."},
        body={"ja": ["神事は9時から約30分。どなたでも参列できます。",
                     "お守りと破魔矢は社務所で授与しています。"],
              "en": ["The rite starts at 9:00 and takes about thirty minutes; anyone may attend.",
                     "Amulets and lucky arrows are at the shrine office."]},
        venue=("attraction", "fujimori-shrine"), when=("yearly", 1, 1, 1),
        start_time="09:00", end_time="09:30",
    ),
    EventSpec(
        slug="new-years-eve-bell", category="seasonal",
        name={"ja": "岩屋観音堂 除夜の鐘", "en": "New Year's Eve Bell at Iwaya Kannon"},
        kana="いわやかんのんどう じょやのかね",
        summary={"ja": "大晦日の夜、どなたでも除夜の鐘をつけます。先着108人に記念の札を差し上げます。",
                 "en": "On New Year's Eve anyone may ring the temple bell; the first 108 get a "
                 "keepsake charm."},
        body={"ja": ["参道の石段は夜も灯りがともります。足もとにお気をつけください。",
                     "たき火と温かいそばの振る舞いがあります。"],
              "en": ["The steps are lit, but watch your footing.",
                     "There is a bonfire, and hot soba for everyone."]},
        venue=("attraction", "iwaya-kannon"), when=("yearly", 12, 31, 2),
        start_time="23:00", end_time="00:30", organiser="kannon",
    ),
    EventSpec(
        slug="firefly-evenings", category="seasonal",
        name={"ja": "美九里 ほたる観賞の夕べ", "en": "Firefly Evenings in Mikuri"},
        kana="みくり ほたるかんしょうのゆうべ",
        summary={"ja": "ほたるの小川で、地元の案内人と一緒にゲンジボタルを観賞します。",
                 "en": "Watch Genji fireflies along the stream with a local guide."},
        body={"ja": ["案内は19時30分から。懐中電灯は赤いセロハンで覆ってください。",
                     "雨の日も小雨なら開催します。"],
              "en": ["Guiding starts at 19:30; please cover torches with red film.",
                     "Held in light rain."]},
        venue=("attraction", "firefly-stream"), when=("yearly", 6, 10, 14),
        start_time="19:30", end_time="21:00", organiser="mikuri",
    ),
    EventSpec(
        slug="kofun-festival", category="festival",
        name={"ja": "美九里古墳まつり", "en": "Mikuri Burial Mound Festival"},
        kana="みくりこふんまつり",
        summary={"ja": "古代の衣装を着て古墳の丘を歩く行列と、はにわづくり体験の一日。",
                 "en": "A procession in ancient costume over the burial mound hill, and haniwa "
                 "making for all."},
        body={"ja": ["衣装の試着は無料です（先着50名）。", "勾玉づくりの体験もあります（300円）。"],
              "en": ["Trying on the costumes is free for the first fifty.",
                     "You can also make a magatama bead (¥300)."]},
        venue=("attraction", "mikuri-kofun-hill"), when=("yearly", 10, 18, 1),
        start_time="10:00", end_time="15:00", organiser="mikuri",
    ),
    EventSpec(
        slug="gorge-autumn-walk", category="sports",
        name={"ja": "三波石峡 紅葉ウォーク", "en": "Sanbaseki Gorge Autumn Walk"},
        kana="さんばせききょう こうよううぉーく",
        summary={"ja": "紅葉に染まる渓谷を、ガイドと一緒に約5キロ歩きます。",
                 "en": "A five-kilometre guided walk through the gorge in its autumn colours."},
        body={"ja": ["集合は三波石ふれあい館前。保険料込みの参加費です。",
                     "歩きやすい靴と雨具をご用意ください。"],
              "en": ["Meet in front of the Sanba Stone Museum; the fee includes insurance.",
                     "Wear walking shoes and bring rainwear."]},
        venue=("attraction", "sanbaseki-gorge"), when=("yearly", 11, 15, 1),
        start_time="09:00", end_time="12:00", organiser="sanbaseki", price=500,
        booking="online", capacity=40,
    ),
    EventSpec(
        slug="blueberry-picking-fair", category="food",
        name={"ja": "ブルーベリー摘み取りフェア", "en": "Blueberry Picking Fair"},
        kana="ぶるーべりーつみとりふぇあ",
        summary={"ja": "十五品種のブルーベリーを、園内で30分食べ放題。",
                 "en": "Thirty minutes of all-you-can-eat picking among fifteen blueberry "
                 "varieties."},
        body={"ja": ["摘んだ実は量り売りで持ち帰れます。", "雨の日は休園することがあります。"],
              "en": ["Berries to take home are sold by weight.",
                     "The farm may close on rainy days."]},
        venue=("shop", "mikuri-blueberry-farm"), when=("yearly", 7, 10, 40),
        start_time="09:00", end_time="15:00", price=1200,
    ),
    EventSpec(
        slug="yuzu-picking", category="food",
        name={"ja": "三波川ゆずもぎ体験", "en": "Sanbagawa Yuzu Picking"},
        kana="さんばがわゆずもぎたいけん",
        summary={"ja": "山の斜面のゆず畑で、香りのよい実を自分でもぎ取ります。",
                 "en": "Pick fragrant yuzu yourself on the hillside orchard."},
        body={"ja": ["ゆず5個のお土産つき。はさみと手袋はお貸しします。",
                     "斜面を歩くので、滑りにくい靴でどうぞ。"],
              "en": ["Take five yuzu home; shears and gloves are provided.",
                     "The orchard is on a slope, so wear shoes that grip."]},
        venue=("shop", "sanbagawa-yuzu-farm"), when=("yearly", 11, 20, 26),
        start_time="10:00", end_time="15:00", price=1000, booking="online", capacity=30,
    ),
    EventSpec(
        slug="winter-solstice-yuzu-bath", category="seasonal",
        name={"ja": "冬至のゆず湯", "en": "Winter Solstice Yuzu Bath"},
        kana="とうじのゆずゆ",
        summary={"ja": "冬至の日、三波川のゆずを浮かべた露天風呂で温まります。",
                 "en": "On the winter solstice the open-air bath is filled with floating "
                 "Sanbagawa yuzu."},
        body={"ja": ["入館料だけでご利用いただけます。", "ゆず湯は終日です。"],
              "en": ["Included in the normal admission.", "The yuzu bath lasts all day."]},
        venue=("attraction", "kanna-no-yu"), when=("yearly", 12, 22, 1),
        start_time="10:00", end_time="20:00", price=600,
        price_details={"ja": "入館料（大人600円、中学生以下300円）。",
                       "en": "Normal admission (adults ¥600, children up to 15 ¥300)."},
    ),
    EventSpec(
        slug="year-end-mochitsuki", category="food",
        name={"ja": "年の瀬もちつき大会", "en": "Year-End Rice Cake Pounding"},
        kana="としのせもちつきたいかい",
        summary={"ja": "杵と臼でもちをつき、きなこやあんこでいただきます。",
                 "en": "Pound rice cakes with mallet and mortar, then eat them with kinako or "
                 "sweet bean paste."},
        body={"ja": ["どなたでも、もちつきに参加できます。", "つきたてのもちは先着300食です。"],
              "en": ["Everyone can take a turn with the mallet.",
                     "Fresh rice cakes for the first three hundred."]},
        venue=("attraction", "fuji-no-oka-park"), when=("yearly", 12, 27, 1),
        start_time="10:00", end_time="13:00", organiser="kanko",
    ),
    EventSpec(
        slug="christmas-cake-class", category="workshop",
        name={"ja": "クリスマスケーキ教室", "en": "Christmas Cake Class"},
        kana="くりすますけーききょうしつ",
        summary={"ja": "パティシエと一緒に、上州小麦のスポンジでいちごのケーキを仕上げます。",
                 "en": "Finish a strawberry cake on a Jōshū-wheat sponge with the pâtissier."},
        body={"ja": ["完成したケーキは箱に入れてお持ち帰りいただけます。", "小学生は保護者と一緒にご参加ください。"],
              "en": ["Take your cake home in a box.",
                     "Children of primary-school age come with an adult."]},
        venue=("shop", "patisserie-la-glycine"), when=("yearly", 12, 19, 1),
        start_time="13:00", end_time="15:30", price=3500, booking="online", capacity=10,
    ),
    # Workshops, concerts and exhibitions in the coming weeks
    EventSpec(
        slug="winter-stargazing", category="sports",
        name={"ja": "桜山 冬の星空観察会", "en": "Winter Stargazing on Sakurayama"},
        kana="さくらやま ふゆのほしぞらかんさつかい",
        summary={"ja": "山頂展望台で、天体望遠鏡を使って冬の星座と月を観察します。",
                 "en": "Winter constellations and the moon through telescopes at the summit "
                 "lookout."},
        body={"ja": ["講師は地元の天文同好会です。", "曇りや雨の場合は前日に中止をお知らせします。"],
              "en": ["Led by the local astronomy club.",
                     "If it is cloudy or wet we let you know the day before."]},
        venue=("attraction", "sakurayama-summit"), when=("days", 12, 1),
        start_time="18:30", end_time="20:30", organiser="kanko", price=500, booking="online",
        capacity=30,
    ),
    EventSpec(
        slug="haniwa-family-class", category="workshop",
        name={"ja": "はにわづくり親子講座", "en": "Haniwa Making for Families"},
        kana="はにわづくりおやここうざ",
        summary={"ja": "親子で一体のはにわをつくる特別講座。古墳の話も聞けます。",
                 "en": "Parents and children make a haniwa together and hear about the burial "
                 "mounds."},
        body={"ja": ["汚れてもよい服装でお越しください。", "作品は約3週間後にお渡しします。"],
              "en": ["Wear clothes that can get muddy.", "Pieces are ready about three weeks later."]},
        venue=("attraction", "haniwa-workshop"), when=("days", 9, 1),
        start_time="10:00", end_time="12:00", price=1500,
        price_details={"ja": "親子1組1,500円。", "en": "¥1,500 per parent and child."},
        booking="phone", capacity=12,
    ),
    EventSpec(
        slug="onigawara-workshop", category="workshop",
        name={"ja": "鬼瓦の鬼面づくり", "en": "Make a Demon-Face Roof Tile"},
        kana="おにがわらのきめんづくり",
        summary={"ja": "藤岡瓦の職人に習い、魔よけの鬼面を粘土で形づくります。",
                 "en": "Learn from a Fujioka tile maker and model a demon face to ward off bad "
                 "luck."},
        body={"ja": ["焼き上げた作品は約1か月後に発送します。", "中学生以上が対象です。"],
              "en": ["Pieces are fired and posted about a month later.",
                     "For ages twelve and up."]},
        venue=("shop", "kawaraya"), when=("days", 16, 1),
        start_time="13:00", end_time="16:00", price=2000, booking="online", capacity=8,
    ),
    EventSpec(
        slug="silk-weaving-day", category="workshop",
        name={"ja": "絹の手織り体験会", "en": "Silk Hand-Weaving Day"},
        kana="きぬのておりたいけんかい",
        summary={"ja": "美九里の絹糸で、コースターを二枚織り上げます。",
                 "en": "Weave two coasters on a hand loom with Mikuri silk."},
        body={"ja": ["初めての方でも約2時間で仕上がります。", "糸の色は当日選べます。"],
              "en": ["Beginners finish in about two hours.", "Choose your colours on the day."]},
        venue=("shop", "kinu-kobo-mayu"), when=("days", 23, 1),
        start_time="10:00", end_time="12:00", price=3000, booking="online", capacity=6,
    ),
    EventSpec(
        slug="tile-makers-exhibition", category="exhibition",
        name={"ja": "企画展「藤岡の瓦と職人」", "en": "Exhibition: Fujioka Tiles and Their Makers"},
        kana="きかくてん ふじおかのかわらとしょくにん",
        summary={"ja": "明治から昭和の瓦職人の道具と、町に残る鬼瓦の写真を紹介する企画展。",
                 "en": "Tools of tile makers from the Meiji to the Shōwa era, and photographs of "
                 "the demon tiles still on the town's roofs."},
        body={"ja": ["会期中の日曜には、職人による実演があります。", "入館料で企画展もご覧いただけます。"],
              "en": ["Tile makers demonstrate their craft on Sundays.",
                     "Included in museum admission."]},
        venue=("attraction", "fujioka-history-museum"), when=("days", 3, 60),
        start_time="09:00", end_time="16:30", price=200,
        price_details={"ja": "入館料（大人200円、中学生以下無料）。",
                       "en": "Museum admission (adults ¥200, children up to 15 free)."},
    ),
    EventSpec(
        slug="brewery-concert", category="performance",
        name={"ja": "酒蔵コンサート", "en": "Concert in the Brewery"},
        kana="さかぐらこんさーと",
        summary={"ja": "仕込み蔵に響く弦楽四重奏。終演後は新酒の試飲つき。",
                 "en": "A string quartet in the brewing hall, followed by a tasting of new sake."},
        body={"ja": ["全席自由。開場は17時30分です。", "蔵の中は冷えます。上着をお持ちください。"],
              "en": ["Unreserved seating; doors open at 17:30.",
                     "The hall is cold, so bring a coat."]},
        venue=("shop", "yamabuki-shuzo"), when=("days", 20, 1),
        start_time="18:00", end_time="19:30", price=2000, booking="online", capacity=80,
    ),
    EventSpec(
        slug="one-box-book-fair", category="market",
        name={"ja": "ひとはこ古本市", "en": "One-Box Secondhand Book Fair"},
        kana="ひとはこふるほんいち",
        summary={"ja": "町の人が一箱ずつ持ち寄った古本を売り買いする、小さな本の市。",
                 "en": "Townspeople each bring one box of secondhand books to sell and swap."},
        body={"ja": ["出店は一箱300円、当日受付です。", "子ども向けの読み聞かせもあります。"],
              "en": ["A stall costs ¥300 a box; sign up on the day.",
                     "Story time for children, too."]},
        venue=("shop", "kotoba-do"), when=("days", 18, 1),
        start_time="10:00", end_time="15:00",
    ),
    EventSpec(
        slug="jazz-night-hidamari", category="performance",
        name={"ja": "ひだまり ジャズの夜", "en": "Jazz Night at Hidamari"},
        kana="ひだまり じゃずのよる",
        summary={"ja": "喫茶店でピアノトリオの生演奏。自家焙煎の珈琲と一緒にどうぞ。",
                 "en": "A live piano trio in the coffee house, with house-roasted coffee."},
        body={"ja": ["ワンドリンク付き。席は20席です。", "演奏は休憩をはさんで二部構成です。"],
              "en": ["One drink included; twenty seats.", "Two sets with an interval."]},
        venue=("shop", "kissa-hidamari"), when=("days", 11, 1),
        start_time="19:00", end_time="21:00", price=1500, booking="phone", capacity=20,
    ),
    EventSpec(
        slug="wagashi-class", category="workshop",
        name={"ja": "季節の和菓子づくり教室", "en": "Seasonal Wagashi Class"},
        kana="きせつのわがしづくりきょうしつ",
        summary={"ja": "和菓子職人と一緒に、季節の練り切りを三つつくります。",
                 "en": "Shape three seasonal nerikiri sweets with a wagashi maker."},
        body={"ja": ["抹茶と一緒に一つ召し上がり、二つはお持ち帰りいただけます。", "エプロンをお持ちください。"],
              "en": ["Eat one with matcha and take two home.", "Please bring an apron."]},
        venue=("shop", "fuyuzakura-do"), when=("days", 14, 1),
        start_time="14:00", end_time="15:30", price=1800, booking="phone", capacity=8,
    ),
    EventSpec(
        slug="four-seasons-photo-show", category="exhibition",
        name={"ja": "写真展「藤岡の四季」", "en": "Photo Show: Fujioka Through the Seasons"},
        kana="しゃしんてん ふじおかのしき",
        summary={"ja": "市民が撮った藤岡の四季の写真四十点を、ブックカフェで展示します。",
                 "en": "Forty photographs of Fujioka's seasons taken by residents, shown in the "
                 "book café."},
        body={"ja": ["気に入った一枚に投票すると、ポストカードを差し上げます。",
                     "カフェの営業時間中にご覧いただけます。"],
              "en": ["Vote for your favourite and take home a postcard.",
                     "Open during the café's hours."]},
        venue=("shop", "book-cafe-shiori"), when=("days", 5, 36),
        start_time="10:00", end_time="18:00",
    ),
    EventSpec(
        slug="new-soba-days", category="food",
        name={"ja": "新そばまつり", "en": "New Soba Days"},
        kana="しんそばまつり",
        summary={"ja": "秋に収穫したそば粉で打つ、香り高い新そばを三日間だけ。",
                 "en": "Three days of fragrant soba from this autumn's buckwheat harvest."},
        body={"ja": ["期間中は天ぷらそばが100円引きです。", "売り切れ次第終了します。"],
              "en": ["Tempura soba is ¥100 off during the event.",
                     "Until the day's soba runs out."]},
        venue=("shop", "teuchi-soba-sanba"), when=("days", 8, 3),
        start_time="11:00", end_time="15:00", price=None,
        price_details={"ja": "お食事代のみ（入場無料）。", "en": "Pay for what you eat; entry is free."},
    ),
    EventSpec(
        slug="riverbank-cleanup", category="other",
        name={"ja": "神流川 冬の河原清掃と焚き火の会", "en": "Kanna River Winter Clean-Up and Bonfire"},
        kana="かんながわ ふゆのかわらせいそうとたきびのかい",
        summary={"ja": "【中止】河川工事のため、今年は中止します。",
                 "en": "[Cancelled] Called off this year because of river works."},
        body={"ja": ["河川工事が河原で行われるため、今年の開催を見送ります。",
                     "来年の開催は、決まり次第このページでお知らせします。"],
              "en": ["River works on the meadow mean there will be no clean-up this year.",
                     "We will announce next year's date on this page."]},
        venue=("attraction", "kanna-river-promenade"), when=("days", 25, 1),
        start_time="09:00", end_time="12:00", organiser="onishi", status="cancelled",
    ),
    EventSpec(
        slug="gorge-guided-walk", category="sports",
        name={"ja": "三波石峡 ガイドウォーク", "en": "Sanbaseki Gorge Guided Walk"},
        kana="さんばせききょう がいどうぉーく",
        summary={"ja": "【延期】遊歩道の点検のため延期します。新しい日程は決まり次第お知らせします。",
                 "en": "[Postponed] Put off while the path is inspected; the new date will be "
                 "announced here."},
        body={"ja": ["大雨のあとの落石の点検が終わるまで、ガイドウォークを延期します。",
                     "お申し込みの方には、新しい日程を個別にご連絡します。"],
              "en": ["The walk is postponed until the path has been checked for rockfall after "
                     "the heavy rain.",
                     "Everyone who booked will hear about the new date."]},
        venue=("attraction", "sanbaseki-gorge"), when=("days", 6, 1),
        start_time="09:30", end_time="11:30", organiser="sanbaseki", price=500,
        booking="online", capacity=20, status="postponed",
    ),
]  # fmt: skip


# -- model courses ------------------------------------------------------------------


@dataclass(frozen=True)
class CourseSpec:
    slug: str
    name: Text
    kana: str
    summary: Text
    body: Text
    area: str
    season: str
    accessibility: Text
    # (("attraction" | "shop", slug), stay minutes, travel minutes, travel mode)
    stops: tuple
    ruby: str = ""

    @property
    def languages(self):
        return [code for code in LANGUAGES if code in self.name]


COURSES = [
    CourseSpec(
        slug="winter-cherries-and-sanba-stone",
        name={"ja": "冬桜と三波石峡 半日ドライブ", "en": "Winter Cherries and Sanba Stone: A Half-Day Drive",
              "zh-hans": "冬樱与三波石峡 半日自驾游", "zh-hant": "冬櫻與三波石峽 半日自駕遊",
              "ko": "겨울 벚꽃과 산바세키 협곡 반나절 드라이브"},
        kana="ふゆざくらとさんばせききょう はんにちどらいぶ",
        ruby="冬桜《ふゆざくら》と三波石峡《さんばせききょう》 半日ドライブ",
        summary={"ja": "冬桜の桜山公園から三波石峡へ。最後は温泉で温まる、晩秋から初冬の半日コース。",
                 "en": "From the winter cherries of Sakurayama Park to the Sanbaseki Gorge, ending "
                 "in a hot spring: half a day for late autumn and early winter.",
                 "zh-hans": "从冬樱盛开的樱山公园前往三波石峡，最后泡温泉暖暖身子。适合晚秋至初冬的半日路线。",
                 "zh-hant": "從冬櫻盛開的櫻山公園前往三波石峽，最後泡溫泉暖暖身子。適合晚秋至初冬的半日路線。",
                 "ko": "겨울 벚꽃의 사쿠라야마 공원에서 산바세키 협곡으로. 마지막은 온천에서 몸을 녹이는 늦가을~초겨울 반나절 코스."},
        body={"ja": ["朝のうちに桜山公園へ。冬桜は午前の光がいちばんきれいです。",
                     "お昼は冬桜カフェで。三波石峡の売店では三波石の箸置きが人気です。"],
              "en": ["Reach Sakurayama Park in the morning, when the light on the winter "
                     "cherries is best.",
                     "Lunch at the winter-cherry café; at the gorge shop, Sanba-stone chopstick "
                     "rests are the favourite souvenir."],
              "zh-hans": ["上午前往樱山公园，冬樱在上午的阳光下最美。",
                          "午餐可在冬樱咖啡馆享用。三波石峡小卖部的三波石筷架很受欢迎。"],
              "zh-hant": ["上午前往櫻山公園，冬櫻在上午的陽光下最美。",
                          "午餐可在冬櫻咖啡館享用。三波石峽小賣店的三波石筷架很受歡迎。"],
              "ko": ["오전 중에 사쿠라야마 공원으로. 겨울 벚꽃은 오전 햇살에 가장 아름답습니다.",
                     "점심은 겨울 벚꽃 카페에서. 산바세키 협곡 매점에서는 산바석 젓가락 받침이 인기입니다."]},
        area="sakurayama", season="winter",
        accessibility={"ja": "車での移動です。桜山公園のふもとの並木、三波石峡の展望デッキ、温泉は車いすで利用できます。",
                       "en": "By car throughout. The lower avenue at Sakurayama Park, the gorge's "
                       "viewing deck and the onsen can all be reached by wheelchair.",
                       "zh-hans": "全程自驾。樱山公园山脚的林荫道、三波石峡的观景平台和温泉均可使用轮椅。",
                       "zh-hant": "全程自駕。櫻山公園山腳的林蔭道、三波石峽的觀景平台和溫泉均可使用輪椅。",
                       "ko": "차로 이동합니다. 사쿠라야마 공원 기슭의 가로수길, 산바세키 협곡의 전망 데크, 온천은 휠체어로 이용할 수 있습니다."},
        stops=((("attraction", "sakurayama-park"), 90, 10, "car"),
               (("shop", "fuyuzakura-cafe-koharu"), 60, 15, "car"),
               (("attraction", "sanbaseki-gorge"), 60, 3, "walk"),
               (("shop", "baiten-yamabiko"), 20, 20, "car"),
               (("attraction", "kanna-no-yu"), 90, None, "")),
    ),
    CourseSpec(
        slug="onishi-sake-and-river-walk",
        name={"ja": "鬼石 酒蔵と川辺の散歩道", "en": "Onishi on Foot: Sake and the River",
              "zh-hans": "鬼石 酒藏与河畔散步", "zh-hant": "鬼石 酒藏與河畔散步",
              "ko": "오니시 양조장과 강변 산책"},
        kana="おにし さかぐらとかわべのさんぽみち",
        summary={"ja": "酒蔵通りを歩き、酒蔵と和菓子屋に寄って、神流川の遊歩道へ。一年中楽しめる徒歩コース。",
                 "en": "Walk the old sake street, drop in at the brewery and the sweet shop, then "
                 "follow the Kanna River: a walk for any time of year.",
                 "zh-hans": "漫步酒藏老街，顺道拜访酒藏和日式点心店，再沿神流川步道散步。一年四季都适合的步行路线。",
                 "zh-hant": "漫步酒藏老街，順道拜訪酒藏和和菓子店，再沿神流川步道散步。一年四季都適合的步行路線。",
                 "ko": "사카구라 거리를 걷고 양조장과 화과자 가게에 들른 뒤 간나가와강 산책로로. 일 년 내내 즐길 수 있는 도보 코스."},
        body={"ja": ["鬼石バス停から歩いて回れます。全行程で約3キロです。",
                     "最後は川音の宿で一泊するのもおすすめです。"],
              "en": ["Everything is within walking distance of the Onishi bus stop; about three "
                     "kilometres in all.",
                     "End with a night at the riverside inn if you can."],
              "zh-hans": ["从鬼石巴士站出发即可步行游览，全程约3公里。",
                          "推荐最后在河畔旅馆住上一晚。"],
              "zh-hant": ["從鬼石公車站出發即可步行遊覽，全程約3公里。",
                          "推薦最後在河畔旅館住上一晚。"],
              "ko": ["오니시 버스 정류장에서 걸어서 돌 수 있습니다. 전체 약 3km입니다.",
                     "마지막에 강변 여관에서 하룻밤 묵는 것도 추천합니다."]},
        area="onishi", season="",
        accessibility={"ja": "酒蔵通りは平坦です。遊歩道は最初の500メートルまで舗装されています。",
                       "en": "The sake street is flat; the river path is paved for its first "
                       "500 metres.",
                       "zh-hans": "酒藏老街地势平坦。河畔步道前500米为铺装路面。",
                       "zh-hant": "酒藏老街地勢平坦。河畔步道前500公尺為鋪面道路。",
                       "ko": "사카구라 거리는 평탄합니다. 산책로는 처음 500m까지 포장되어 있습니다."},
        stops=((("attraction", "onishi-sake-street"), 30, 3, "walk"),
               (("shop", "kannagawa-shuzo"), 45, 5, "walk"),
               (("shop", "fuyuzakura-do"), 30, 8, "walk"),
               (("attraction", "kanna-river-promenade"), 60, 10, "walk"),
               (("shop", "kawaoto-no-yado-kanna"), 60, None, "")),
    ),
    CourseSpec(
        slug="fujioka-tiles-and-history",
        name={"ja": "まちなか 瓦と歴史めぐり", "en": "Central Fujioka: Tiles and History"},
        kana="まちなか かわらとれきしめぐり",
        summary={"ja": "群馬藤岡駅から歩いて、歴史館、瓦の工房、藤守神社をめぐり、喫茶店でひと休み。",
                 "en": "On foot from Gunma-Fujioka Station: the history museum, a tile studio and "
                 "Fujimori Shrine, with a coffee-house break."},
        body={"ja": ["歴史館で予習してから瓦の工房へ行くと、職人の話がよくわかります。",
                     "藤の季節は藤守神社の藤棚もぜひ。"],
              "en": ["See the museum first and the tile maker's talk makes much more sense.",
                     "In May, do not miss the shrine's wisteria."]},
        area="fujioka-center", season="",
        accessibility={"ja": "歴史館と工房は段差がありません。藤守神社は東側の坂道から拝殿前まで行けます。",
                       "en": "The museum and the studio are step-free; at the shrine take the "
                       "slope on the east side."},
        stops=((("attraction", "fujioka-history-museum"), 60, 8, "walk"),
               (("shop", "kawaraya"), 60, 10, "walk"),
               (("attraction", "fujimori-shrine"), 20, 6, "walk"),
               (("shop", "kissa-hidamari"), 45, None, "")),
    ),
    CourseSpec(
        slug="mikuri-satoyama-by-bicycle",
        name={"ja": "美九里の里山 はにわと果樹園サイクリング",
              "en": "Mikuri by Bicycle: Haniwa and Orchards"},
        kana="みくりのさとやま はにわとかじゅえんさいくりんぐ",
        summary={"ja": "古墳の丘からはにわ工房、ブルーベリー農園へ。田園を自転車で走る夏の一日。",
                 "en": "From the burial mound hill to the haniwa workshop and the blueberry farm: "
                 "a summer day cycling through the fields."},
        body={"ja": ["自転車は群馬藤岡駅前のレンタサイクルで借りられます。",
                     "最後はブックカフェで一息。焼きまんじゅうはおやつにどうぞ。"],
              "en": ["Hire bicycles in front of Gunma-Fujioka Station.",
                     "Finish at the book café; the grilled manjū make a good snack on the way."]},
        area="mikuri", season="summer",
        accessibility={"ja": "自転車のコースです。車で回る場合は各所に駐車場があります。",
                       "en": "A cycling route; each stop has parking if you drive instead."},
        stops=((("attraction", "mikuri-kofun-hill"), 45, 10, "bicycle"),
               (("attraction", "haniwa-workshop"), 120, 8, "bicycle"),
               (("shop", "mikuri-blueberry-farm"), 60, 6, "bicycle"),
               (("shop", "yakimanju-maruya"), 20, 10, "bicycle"),
               (("shop", "book-cafe-shiori"), 60, None, "")),
    ),
]  # fmt: skip


# -- area pages -----------------------------------------------------------------------


@dataclass(frozen=True)
class AreaPageSpec:
    area: str  # content.AREAS slug (also the page's slug)
    summary: Text
    body: Text
    highlights: tuple  # (("attraction" | "shop" | "event", slug), ...)
    ruby: str = ""
    zoom: int = 14


AREA_PAGES = [
    AreaPageSpec(
        area="fujioka-center", ruby="藤岡《ふじおか》中心街《ちゅうしんがい》",
        summary={"ja": "駅から歩いて、歴史館と神社、藤の丘公園、喫茶店や酒屋をめぐれるまちなか。",
                 "en": "The town centre: walk from the station to the history museum, the shrine, "
                 "the wisteria park, coffee houses and sake shops.",
                 "zh-hans": "从车站步行即可游览历史馆、神社、紫藤公园以及咖啡馆和酒铺的市中心。",
                 "zh-hant": "從車站步行即可遊覽歷史館、神社、紫藤公園以及咖啡館和酒鋪的市中心。",
                 "ko": "역에서 걸어서 역사관과 신사, 등나무 공원, 찻집과 술가게를 둘러볼 수 있는 시내 중심가."},
        body={"ja": ["群馬藤岡駅を中心に、古い商店と新しい店が混ざり合う町です。"],
              "en": ["Around Gunma-Fujioka Station, old family shops and new ones stand side by "
                     "side."],
              "zh-hans": ["以群马藤冈站为中心，老字号商店与新店铺交织在一起。"],
              "zh-hant": ["以群馬藤岡站為中心，老字號商店與新店鋪交織在一起。"],
              "ko": ["군마후지오카역을 중심으로 오래된 상점과 새 가게가 어우러진 동네입니다."]},
        highlights=(("attraction", "fujioka-history-museum"), ("attraction", "fuji-no-oka-park"),
                    ("shop", "kissa-hidamari"), ("event", "teshigoto-craft-fair")),
        zoom=15,
    ),
    AreaPageSpec(
        area="onishi", ruby="鬼石《おにし》",
        summary={"ja": "神流川の舟運で栄えた川の町。酒蔵通り、日帰り温泉、春のこいのぼりで知られます。",
                 "en": "A river town made rich by boats on the Kanna, known for its sake street, "
                 "a day spa and the spring carp streamers.",
                 "zh-hans": "因神流川水运而繁荣的河畔小镇，以酒藏老街、当日往返温泉和春天的鲤鱼旗闻名。",
                 "zh-hant": "因神流川水運而繁榮的河畔小鎮，以酒藏老街、當日往返溫泉和春天的鯉魚旗聞名。",
                 "ko": "간나가와강 수운으로 번성한 강변 마을. 사카구라 거리, 당일치기 온천, 봄의 잉어 깃발로 유명합니다."},
        body={"ja": ["白壁の蔵が並ぶ通りと、澄んだ川の流れがすぐ近くにあります。"],
              "en": ["White-walled storehouses line the street, with the clear river just "
                     "behind."],
              "zh-hans": ["白墙仓库林立的街道旁，清澈的河水近在咫尺。"],
              "zh-hant": ["白牆倉庫林立的街道旁，清澈的河水近在咫尺。"],
              "ko": ["흰 벽의 창고가 늘어선 거리 바로 옆으로 맑은 강물이 흐릅니다."]},
        highlights=(("attraction", "onishi-sake-street"), ("attraction", "kanna-no-yu"),
                    ("shop", "kannagawa-shuzo"), ("event", "sake-street-lanterns")),
    ),
    AreaPageSpec(
        area="sakurayama", ruby="桜山《さくらやま》",
        summary={"ja": "冬に咲く桜と紅葉の山。山頂の展望台と、ゆず畑の広がる三波川の谷があります。",
                 "en": "The mountain of winter cherries and autumn leaves, with a summit lookout "
                 "and the yuzu orchards of the Sanbagawa valley.",
                 "zh-hans": "冬季樱花与红叶之山，山顶有观景台，三波川山谷遍布柚子园。",
                 "zh-hant": "冬季櫻花與紅葉之山，山頂有觀景台，三波川山谷遍布柚子園。",
                 "ko": "겨울에 피는 벚꽃과 단풍의 산. 정상 전망대와 유자밭이 펼쳐진 산바가와 계곡이 있습니다."},
        body={"ja": ["冬桜の見ごろは十一月下旬から十二月上旬です。"],
              "en": ["The winter cherries are at their best from late November to early "
                     "December."],
              "zh-hans": ["冬樱的最佳观赏期为十一月下旬至十二月上旬。"],
              "zh-hant": ["冬櫻的最佳觀賞期為十一月下旬至十二月上旬。"],
              "ko": ["겨울 벚꽃은 11월 하순부터 12월 상순까지가 절정입니다."]},
        highlights=(("attraction", "sakurayama-park"), ("attraction", "sakurayama-summit"),
                    ("shop", "fuyuzakura-cafe-koharu"), ("event", "winter-cherry-festival")),
        zoom=13,
    ),
    AreaPageSpec(
        area="sanbaseki", ruby="三波石峡《さんばせききょう》",
        summary={"ja": "青緑の三波石が埋める渓谷と、山に囲まれた神流湖。紅葉の名所です。",
                 "en": "A gorge full of blue-green Sanba stone and Lake Kanna among the "
                 "mountains, famous for autumn colour.",
                 "zh-hans": "布满青绿色三波石的溪谷和群山环抱的神流湖，是著名的赏枫胜地。",
                 "zh-hant": "布滿青綠色三波石的溪谷和群山環抱的神流湖，是著名的賞楓勝地。",
                 "ko": "청록색 산바석이 가득한 계곡과 산에 둘러싸인 간나호. 단풍 명소입니다."},
        body={"ja": ["渓谷の遊歩道と湖畔の小径は、どちらも秋がいちばんの見ごろです。"],
              "en": ["Both the gorge path and the lakeside walk are at their best in autumn."],
              "zh-hans": ["溪谷步道和湖畔小径都以秋季最为美丽。"],
              "zh-hant": ["溪谷步道和湖畔小徑都以秋季最為美麗。"],
              "ko": ["계곡 산책로와 호숫가 오솔길 모두 가을이 가장 아름답습니다."]},
        highlights=(("attraction", "sanbaseki-gorge"), ("attraction", "lake-kanna-lookout"),
                    ("shop", "baiten-yamabiko"), ("shop", "sanbaseki-kobo-ishinone")),
        zoom=14,
    ),
    AreaPageSpec(
        area="mikuri", ruby="美九里《みくり》",
        summary={"ja": "古墳の丘と里山、果樹園が広がる田園地帯。はにわづくりや果物狩りが楽しめます。",
                 "en": "Farmland with burial mounds, wooded hills and orchards: make a haniwa or "
                 "pick fruit.",
                 "zh-hans": "古坟山丘、里山和果园遍布的田园地带，可以体验制作埴轮和采摘水果。",
                 "zh-hant": "古墳山丘、里山和果園遍布的田園地帶，可以體驗製作埴輪和採摘水果。",
                 "ko": "고분 언덕과 마을 산, 과수원이 펼쳐진 전원 지대. 하니와 만들기와 과일 따기를 즐길 수 있습니다."},
        body={"ja": ["平坦な道が多く、自転車でめぐるのにちょうどよい地区です。"],
              "en": ["Mostly flat roads make it good country for cycling."],
              "zh-hans": ["道路大多平坦，非常适合骑自行车游览。"],
              "zh-hant": ["道路大多平坦，非常適合騎自行車遊覽。"],
              "ko": ["평탄한 길이 많아 자전거로 둘러보기에 딱 좋은 지역입니다."]},
        highlights=(("attraction", "mikuri-kofun-hill"), ("attraction", "haniwa-workshop"),
                    ("shop", "mikuri-blueberry-farm"), ("event", "firefly-evenings")),
        zoom=14,
    ),
]  # fmt: skip


# -- the tourism home ----------------------------------------------------------------

TOURISM_HOME = {
    "ja": "<p>冬桜の桜山、三波石の渓谷、酒蔵と温泉の川の町。藤岡の見どころ、催し、モデルコースを紹介します。</p>",
    "en": "<p>Winter cherries on Sakurayama, a gorge of Sanba stone, a river town of sake "
    "breweries and hot springs: what to see in Fujioka, what's on, and suggested days out.</p>",
    "zh-hans": "<p>樱山的冬樱、三波石溪谷、酒藏与温泉林立的河畔小镇。为您介绍藤冈的景点、活动和推荐路线。</p>",
    "zh-hant": "<p>櫻山的冬櫻、三波石溪谷、酒藏與溫泉林立的河畔小鎮。為您介紹藤岡的景點、活動和推薦路線。</p>",
    "ko": "<p>사쿠라야마의 겨울 벚꽃, 산바석 계곡, 양조장과 온천이 있는 강변 마을. 후지오카의 볼거리와 행사, 추천 코스를 소개합니다.</p>",
}
# Featured on the tourism home, in this order.
FEATURES = (
    ("attraction", "sakurayama-park"),
    ("attraction", "sanbaseki-gorge"),
    ("event", "sake-street-lanterns"),
    ("course", "winter-cherries-and-sanba-stone"),
)
