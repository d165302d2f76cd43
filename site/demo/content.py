"""The demo region: areas of Fujioka and fictional businesses in them.

Every business, person, address and phone number here is invented; the
places (鬼石, 桜山, 三波石峡 ...) and local specialities are real. Addresses
in the former Onishi town (鬼石, 桜山, 三波石峡) use its 370-14xx postal
codes, the rest of the city 375-00xx.
"""

from dataclasses import dataclass

PASSWORD = "machikado-demo"  # noqa: S105 - published demo password, refused outside DEBUG


@dataclass(frozen=True)
class Person:
    family: str
    given: str
    family_en: str
    given_en: str

    @property
    def email(self) -> str:
        return f"{self.given_en}.{self.family_en}@example.jp".lower()


@dataclass(frozen=True)
class AreaSpec:
    slug: str
    name: str
    kana: str
    name_en: str
    latitude: str
    longitude: str
    access: str  # how to get there, appended to each storefront's text
    access_en: str


@dataclass(frozen=True)
class MenuItem:
    name: str
    name_en: str
    price: int | None
    note: str = ""
    note_en: str = ""


@dataclass(frozen=True)
class Question:
    question: str
    answer: str
    question_en: str
    answer_en: str


@dataclass(frozen=True)
class SpecialDate:
    """A yearly date with other hours (or closed when ``opens`` is empty)."""

    month: int
    day: int
    note: str
    note_en: str
    opens: str = ""
    closes: str = ""


@dataclass(frozen=True)
class BusinessSpec:
    slug: str
    category: str  # a DEFAULT_CATEGORIES slug
    area: str  # an AreaSpec slug
    name: str
    kana: str
    name_en: str
    owner: Person
    summary: str
    summary_en: str
    postal_code: str
    street: str
    phone: str
    latitude: str
    longitude: str
    story: str
    story_en: str
    # (days, opens, closes); days in 月火水木金土日 and 祝 (public holidays), or 毎日
    hours: tuple[tuple[str, str, str], ...]
    menu_heading: str
    menu_heading_en: str
    menu: tuple[MenuItem, ...]
    holiday_rule: str = "as_usual"
    hours_note: str = ""
    hours_note_en: str = ""
    year_end: str = "standard"  # "standard" 12/31-1/3, "short" 1/1-1/2, "" open
    special: tuple[SpecialDate, ...] = ()
    payments: tuple[str, ...] = ("cash",)
    languages: tuple[str, ...] = ("ja",)
    step_free: bool = False
    accessible_toilet: bool = False
    parking: str = ""
    access_notes: str = ""
    access_notes_en: str = ""
    questions: tuple[Question, ...] = ()
    website: str = ""
    instagram: str = ""


ADMIN = Person("斉藤", "健", "Saito", "Ken")
STAFF = Person("中島", "美咲", "Nakajima", "Misaki")

AREAS = [
    AreaSpec("fujioka-center", "藤岡中心街", "ふじおかちゅうしんがい", "Central Fujioka",
             "36.258500", "139.074500",
             "JR八高線・群馬藤岡駅から歩いて行ける範囲です。",
             "Within walking distance of Gunma-Fujioka Station on the JR Hachikō Line."),
    AreaSpec("onishi", "鬼石", "おにし", "Onishi", "36.201000", "139.063000",
             "上信越道・藤岡インターチェンジから車で約25分です。",
             "About 25 minutes by car from the Fujioka interchange of the Jōshin-etsu Expressway."),
    AreaSpec("sakurayama", "桜山", "さくらやま", "Sakurayama", "36.204000", "139.023000",
             "冬桜で知られる桜山公園のふもと。鬼石の市街から車で約15分です。",
             "At the foot of Sakurayama Park, famous for its winter cherry blossoms; "
             "about 15 minutes by car from Onishi."),
    AreaSpec("sanbaseki", "三波石峡", "さんばせききょう", "Sanbaseki Gorge",
             "36.210000", "139.038000",
             "国の名勝・三波石峡の近く。神流湖へも車ですぐです。",
             "Near the Sanbaseki Gorge, a national Place of Scenic Beauty, and a short drive "
             "from Lake Kanna."),
    AreaSpec("mikuri", "美九里", "みくり", "Mikuri", "36.243000", "139.048000",
             "藤岡の市街から西へ車で約10分、田畑の広がる地区です。",
             "A farming district about 10 minutes west of central Fujioka by car."),
]  # fmt: skip

# Pictures and questions shared by a trade: (hero, gallery...) as (ja, en) captions.
CATEGORY_PHOTOS = {
    "restaurant": [("店の入口", "The entrance"), ("カウンター席", "Counter seats"),
                   ("おすすめの一品", "A house favourite")],
    "cafe": [("店の外観", "The shop front"), ("窓辺の席", "Window seats"),
             ("珈琲とケーキ", "Coffee and cake")],
    "sweets": [("店頭", "The shop front"), ("ショーケース", "The display case"),
               ("季節の菓子", "Seasonal sweets")],
    "sake-brewery": [("酒蔵の外観", "The brewery"), ("仕込み蔵", "The brewing hall"),
                     ("直売所の棚", "Bottles in the shop")],
    "farm": [("農園の風景", "The farm"), ("とれたての作物", "Freshly picked produce"),
             ("直売コーナー", "The farm stand")],
    "crafts": [("工房の入口", "The studio entrance"), ("作業台", "The workbench"),
               ("作品", "Finished pieces")],
    "inn": [("宿の外観", "The inn"), ("客室", "A guest room"), ("夕食", "Dinner")],
    "experience": [("体験のようす", "An activity in progress"), ("道具", "The equipment"),
                   ("記念写真", "A souvenir photo")],
    "retail": [("店の外観", "The shop front"), ("店内の棚", "Shelves inside"),
               ("人気の品", "Popular items")],
}  # fmt: skip

CATEGORY_QUESTIONS = {
    "restaurant": Question(
        "予約はできますか？", "<p>お電話でご予約を承ります。</p>",
        "Can I book a table?", "<p>Yes, please call us to book.</p>"),
    "cafe": Question(
        "Wi-Fiや電源は使えますか？", "<p>無料Wi-Fiがあります。電源は一部の席でお使いいただけます。</p>",
        "Is there Wi-Fi?", "<p>Free Wi-Fi, and power sockets at some seats.</p>"),
    "sweets": Question(
        "日持ちはどのくらいですか？", "<p>生菓子は当日中、焼き菓子は約1週間です。</p>",
        "How long do they keep?",
        "<p>Fresh sweets should be eaten the same day; baked ones keep about a week.</p>"),
    "sake-brewery": Question(
        "車で来ても試飲できますか？",
        "<p>運転される方には、試飲の代わりに仕込み水をお出ししています。</p>",
        "I am driving. Can I taste?",
        "<p>Drivers are offered the brewery's spring water instead of sake.</p>"),
    "farm": Question(
        "農薬は使っていますか？", "<p>できるだけ使わない栽培をしています。詳しくはお尋ねください。</p>",
        "Do you use pesticides?", "<p>As little as we can. Ask us for details.</p>"),
    "crafts": Question(
        "作品を配送できますか？", "<p>全国へ宅配便でお送りします（送料別）。</p>",
        "Can you ship what I buy?", "<p>We ship anywhere in Japan (shipping extra).</p>"),
    "inn": Question(
        "駅からの送迎はありますか？", "<p>群馬藤岡駅まで送迎します。予約の際にお知らせください。</p>",
        "Can you pick me up at the station?",
        "<p>We pick guests up at Gunma-Fujioka Station; tell us when you book.</p>"),
    "experience": Question(
        "雨の日はどうなりますか？", "<p>荒天の場合は前日までにご連絡し、日程を変更します。</p>",
        "What if it rains?",
        "<p>In bad weather we call you the day before and move your booking.</p>"),
    "retail": Question(
        "地方発送はできますか？", "<p>店頭で承ります。</p>",
        "Can you send purchases by courier?", "<p>Yes, ask at the counter.</p>"),
}  # fmt: skip

BUSINESSES = [
    BusinessSpec(
        slug="kissa-hidamari", category="cafe", area="fujioka-center",
        name="喫茶 ひだまり", kana="きっさ ひだまり", name_en="Kissa Hidamari",
        owner=Person("佐藤", "由衣", "Sato", "Yui"),
        summary="群馬藤岡駅から歩いて5分。自家焙煎の珈琲と手づくりのホットケーキが人気の小さな喫茶店です。",
        summary_en="A small coffee house five minutes from Gunma-Fujioka Station, loved for "
        "house-roasted coffee and homemade pancakes.",
        postal_code="375-0024", street="藤岡312-5", phone="0274-22-3108",
        latitude="36.257350", longitude="139.076020",
        story="昭和の終わりに開いた喫茶店を、二代目が受け継ぎました。豆は毎朝店内で焙煎し、"
        "ネルドリップで一杯ずつ淹れています。",
        story_en="Opened in the late Shōwa era and now run by the second generation. The beans "
        "are roasted in the shop every morning and brewed cup by cup through a flannel filter.",
        hours=(("火水木金土日", "08:00", "18:00"),),
        hours_note="ラストオーダーは17:30です。", hours_note_en="Last orders at 17:30.",
        menu_heading="メニュー", menu_heading_en="Menu",
        menu=(
            MenuItem("ひだまりブレンド", "Hidamari blend coffee", 500),
            MenuItem("厚焼きホットケーキ", "Thick pancakes", 750),
            MenuItem("モーニングセット", "Breakfast set", 600, "11時まで", "until 11:00"),
        ),
        payments=("cash", "ic_card", "qr_code"), languages=("ja", "en"),
        step_free=True, parking="available",
        access_notes="入口に段差はありません。店内は車いすで移動できます。",
        access_notes_en="No step at the entrance; the room is wheelchair accessible.",
        instagram="https://www.instagram.com/example_hidamari/",
    ),
    BusinessSpec(
        slug="kannagawa-shuzo", category="sake-brewery", area="onishi",
        name="神流川酒造", kana="かんながわしゅぞう", name_en="Kannagawa Sake Brewery",
        owner=Person("新井", "大輔", "Arai", "Daisuke"),
        summary="神流川の伏流水で仕込む、明治創業の小さな酒蔵。蔵見学と試飲ができます。",
        summary_en="A small brewery founded in the Meiji era, brewing with the underground "
        "water of the Kanna River. Tours and tastings.",
        postal_code="370-1401", street="鬼石145", phone="0274-52-2231",
        latitude="36.201250", longitude="139.064080",
        story="冬の冷え込みが厳しい鬼石で、毎年11月から3月まで手造りで酒を仕込んでいます。"
        "代表銘柄「三波」は、すっきりとした辛口の純米吟醸です。",
        story_en="Every winter, from November to March, we brew by hand in the cold of Onishi. "
        "Our best-known sake, Sanba, is a crisp, dry junmai ginjō.",
        hours=(("月火水木金土", "09:00", "17:00"), ("祝", "10:00", "16:00")),
        holiday_rule="own_hours",
        hours_note="蔵見学は10時・14時の2回（前日までに要予約）。",
        hours_note_en="Brewery tours at 10:00 and 14:00; book by the day before.",
        special=(SpecialDate(3, 1, "蔵開き（新酒の試飲会）", "Open brewery day: new-season tasting",
                             "09:00", "16:00"),),
        menu_heading="蔵元直売", menu_heading_en="Brewery shop",
        menu=(
            MenuItem("純米吟醸「三波」720ml", "Sanba junmai ginjō, 720 ml", 1980),
            MenuItem("本醸造「鬼石」1.8L", "Onishi honjōzō, 1.8 l", 2640),
            MenuItem("酒粕 500g", "Sake lees, 500 g", 500, "冬季限定", "winter only"),
        ),
        payments=("cash", "credit_card", "qr_code"), languages=("ja", "en", "zh-hans"),
        parking="available",
        access_notes="蔵の見学路には段差があります。直売所は段差なしで利用できます。",
        access_notes_en="The tour route has steps; the shop is step-free.",
        questions=(Question("蔵見学は予約が必要ですか？", "<p>はい。前日までにお電話でご予約ください。</p>",
                            "Do I need to book a tour?",
                            "<p>Yes, please call by the day before.</p>"),),
        website="https://kannagawa-shuzo.example.jp/",
    ),
    BusinessSpec(
        slug="izakaya-fujinoya", category="restaurant", area="fujioka-center",
        name="居酒屋 藤ノ家", kana="いざかや ふじのや", name_en="Izakaya Fujinoya",
        owner=Person("藤井", "誠", "Fujii", "Makoto"),
        summary="上州の地酒と炭火焼き鳥の居酒屋。夜1時まで営業しています。",
        summary_en="An izakaya with Gunma sake and charcoal-grilled yakitori, open until 1 a.m.",
        postal_code="375-0024", street="藤岡458-2", phone="0274-22-5580",
        latitude="36.258920", longitude="139.073310",
        story="藤岡の商店街で三十年。朝びきの鶏を備長炭で焼き、群馬の蔵元の酒を十数種そろえています。",
        story_en="Thirty years on Fujioka's shopping street: same-day chicken grilled over "
        "binchō charcoal and more than a dozen sakes from Gunma breweries.",
        hours=(("月火水木金土", "17:00", "01:00"),),
        hours_note="ラストオーダーは0:30です。", hours_note_en="Last orders at 0:30.",
        menu_heading="おしながき", menu_heading_en="Menu",
        menu=(
            MenuItem("焼き鳥盛り合わせ（5本）", "Yakitori platter (5 skewers)", 990),
            MenuItem("下仁田ねぎのぬた", "Shimonita leeks with miso dressing", 550),
            MenuItem("地酒飲み比べ（3種）", "Local sake flight (3 kinds)", 1200),
        ),
        payments=("cash", "credit_card", "qr_code", "e_money"), languages=("ja", "en"),
        parking="none",
        access_notes="入口に15cmの段差が1段あります。お手伝いしますので声をおかけください。",
        access_notes_en="One 15 cm step at the entrance; just ask and we will help.",
    ),
    BusinessSpec(
        slug="teuchi-soba-sanba", category="restaurant", area="sanbaseki",
        name="手打ちそば 三波", kana="てうちそば さんば", name_en="Teuchi Soba Sanba",
        owner=Person("黒澤", "修", "Kurosawa", "Osamu"),
        summary="三波石峡のそばで、石臼挽きの十割そばと山菜の天ぷらを出しています。",
        summary_en="Stone-milled buckwheat noodles and mountain-vegetable tempura by the "
        "Sanbaseki Gorge.",
        postal_code="370-1402", street="三波川1120-3", phone="0274-52-4471",
        latitude="36.210600", longitude="139.037200",
        story="そば粉は地元の契約農家から。毎朝その日の分だけ打つので、売り切れたら閉店です。",
        story_en="The buckwheat comes from local farmers. We make only the day's noodles each "
        "morning and close when they run out.",
        hours=(("水木金土日月", "11:00", "15:00"),),
        hours_note="そばがなくなり次第終了します。",
        hours_note_en="We close early when the noodles run out.",
        menu_heading="お品書き", menu_heading_en="Menu",
        menu=(
            MenuItem("ざるそば", "Cold soba on a bamboo tray", 900),
            MenuItem("天ざる", "Cold soba with tempura", 1600),
            MenuItem("舞茸の天ぷら", "Maitake mushroom tempura", 600),
        ),
        payments=("cash",), parking="available",
        step_free=True, accessible_toilet=True,
        access_notes="座敷のほかにテーブル席があります。",
        access_notes_en="Table seating as well as tatami rooms.",
    ),
    BusinessSpec(
        slug="grill-akarenga", category="restaurant", area="fujioka-center",
        name="洋食 グリル赤レンガ", kana="ようしょく ぐりるあかれんが", name_en="Grill Aka-Renga",
        owner=Person("高橋", "恵子", "Takahashi", "Keiko"),
        summary="赤レンガの外壁が目印の洋食屋。デミグラスソースのハンバーグが名物です。",
        summary_en="A Western-style diner behind a red-brick front, known for hamburg steak "
        "in demi-glace.",
        postal_code="375-0024", street="藤岡1022-1", phone="0274-23-1147",
        latitude="36.259840", longitude="139.075930",
        story="デミグラスソースは一週間かけて仕込みます。昔ながらの味を守りながら、"
        "地元の上州牛や野菜を使っています。",
        story_en="Our demi-glace takes a week to make. We keep the old recipes and cook with "
        "Gunma beef and local vegetables.",
        hours=(("火水木金土日", "11:00", "14:30"), ("火水木金土日", "17:00", "21:00")),
        menu_heading="メニュー", menu_heading_en="Menu",
        menu=(
            MenuItem("ハンバーグ定食", "Hamburg steak set", 1300),
            MenuItem("オムライス", "Omelette rice", 1100),
            MenuItem("上州牛のビーフシチュー", "Gunma beef stew", 1800),
        ),
        payments=("cash", "credit_card"), languages=("ja",),
        step_free=True, parking="available",
    ),
    BusinessSpec(
        slug="chuka-soba-hozuki", category="restaurant", area="onishi",
        name="中華そば ほおずき", kana="ちゅうかそば ほおずき", name_en="Chuka Soba Hozuki",
        owner=Person("小林", "拓也", "Kobayashi", "Takuya"),
        summary="鶏がらと煮干しのあっさりスープ。鬼石の町なかのラーメン店です。",
        summary_en="A ramen shop in the middle of Onishi: light chicken and dried-sardine broth.",
        postal_code="370-1401", street="鬼石88-6", phone="0274-52-3019",
        latitude="36.200420", longitude="139.062350",
        story="麺は地元の製麺所に特注した細ちぢれ麺。昼と夜で仕込みを変えています。",
        story_en="Thin wavy noodles made for us by a local noodle maker; the broth is "
        "prepared fresh for lunch and again for dinner.",
        hours=(("木金土日月火", "11:00", "14:00"), ("木金土日月火", "17:30", "20:30")),
        menu_heading="メニュー", menu_heading_en="Menu",
        menu=(
            MenuItem("中華そば", "Chūka soba (ramen)", 800),
            MenuItem("チャーシューメン", "Ramen with roast pork", 1100),
            MenuItem("餃子（6個）", "Gyōza (6)", 450),
        ),
        payments=("cash", "qr_code"), parking="available",
    ),
    BusinessSpec(
        slug="fuyuzakura-cafe-koharu", category="cafe", area="sakurayama",
        name="冬桜カフェ 小春", kana="ふゆざくらかふぇ こはる", name_en="Winter Cherry Café Koharu",
        owner=Person("山田", "春香", "Yamada", "Haruka"),
        summary="桜山公園の入口にある週末カフェ。冬桜の季節は毎日開いています。",
        summary_en="A weekend café at the entrance to Sakurayama Park, open every day in "
        "winter-cherry season.",
        postal_code="370-1402", street="三波川2180-4", phone="0274-52-6602",
        latitude="36.204480", longitude="139.022150",
        story="11月から12月、桜山には約七千本の冬桜が咲きます。窓から山の桜を眺めながら、"
        "桜あんのロールケーキをどうぞ。",
        story_en="In November and December some seven thousand winter cherry trees flower on "
        "Sakurayama. Enjoy our cherry-bean roll cake with a view of the blossoms.",
        hours=(("金土日", "10:00", "16:00"),),
        hours_note="冬桜の季節（11月〜12月）は毎日営業します。",
        hours_note_en="Open daily in the winter-cherry season (November and December).",
        special=(SpecialDate(12, 1, "桜山まつり（延長営業）", "Sakurayama festival: longer hours",
                             "09:00", "17:00"),),
        menu_heading="メニュー", menu_heading_en="Menu",
        menu=(
            MenuItem("桜あんのロールケーキ", "Cherry-bean roll cake", 480),
            MenuItem("ほうじ茶ラテ", "Roasted-tea latte", 550),
            MenuItem("三波川ゆずのソーダ", "Sanbagawa yuzu soda", 500),
        ),
        payments=("cash", "qr_code"), languages=("ja", "en"),
        parking="available",
        access_notes="店の前に坂があります。", access_notes_en="There is a slope up to the door.",
    ),
    BusinessSpec(
        slug="book-cafe-shiori", category="cafe", area="mikuri",
        name="ブックカフェ 栞", kana="ぶっくかふぇ しおり", name_en="Book Café Shiori",
        owner=Person("清水", "彩", "Shimizu", "Aya"),
        summary="古い養蚕農家を改装したブックカフェ。三千冊の本を自由に読めます。",
        summary_en="A book café in a converted silkworm farmhouse, with 3,000 books to read.",
        postal_code="375-0046", street="本郷760", phone="0274-23-8815",
        latitude="36.243900", longitude="139.049300",
        story="藤岡は養蚕で栄えた町です。二階の蚕室だった部屋を読書室にしました。",
        story_en="Fujioka grew rich on silk. The upstairs room where silkworms were once "
        "raised is now our reading room.",
        hours=(("水木金土日", "11:00", "19:00"),),
        menu_heading="メニュー", menu_heading_en="Menu",
        menu=(
            MenuItem("本日のスープセット", "Soup of the day with bread", 1100),
            MenuItem("季節のタルト", "Seasonal tart", 520),
            MenuItem("深煎りコーヒー", "Dark-roast coffee", 480),
        ),
        payments=("cash", "credit_card", "ic_card"), languages=("ja", "en"),
        parking="available",
        access_notes="読書室は2階で、階段のみです。1階にも席があります。",
        access_notes_en="The reading room is upstairs (stairs only); there are seats downstairs too.",
    ),
    BusinessSpec(
        slug="fuyuzakura-do", category="sweets", area="onishi",
        name="和菓子処 冬桜堂", kana="わがしどころ ふゆざくらどう", name_en="Fuyuzakura-dō Sweets",
        owner=Person("茂木", "勝", "Motegi", "Masaru"),
        summary="鬼石で三代続く和菓子屋。冬桜をかたどった最中が名物です。",
        summary_en="A third-generation Japanese confectioner in Onishi, known for "
        "winter-cherry monaka wafers.",
        postal_code="370-1401", street="鬼石210-1", phone="0274-52-2108",
        latitude="36.201760", longitude="139.063480",
        story="あんこは北海道産の小豆を薪火で炊いています。季節の上生菓子は月に二度替わります。",
        story_en="Our bean paste is cooked over a wood fire; the seasonal namagashi change "
        "twice a month.",
        hours=(("金土日月火水", "08:30", "18:00"),),
        menu_heading="お菓子", menu_heading_en="Sweets",
        menu=(
            MenuItem("冬桜もなか", "Winter-cherry monaka", 180),
            MenuItem("栗蒸しようかん", "Steamed chestnut yōkan", 1500),
            MenuItem("季節の上生菓子", "Seasonal namagashi", 260),
        ),
        payments=("cash", "qr_code"), parking="available",
        step_free=True,
    ),
    BusinessSpec(
        slug="patisserie-la-glycine", category="sweets", area="fujioka-center",
        name="洋菓子 ラ・グリシーヌ", kana="ようがし ら・ぐりしーぬ",
        name_en="Pâtisserie La Glycine",
        owner=Person("星野", "真理", "Hoshino", "Mari"),
        summary="市の花・藤にちなんだ名前の洋菓子店。上州小麦の焼き菓子をそろえています。",
        summary_en="A pâtisserie named after Fujioka's flower, the wisteria, with bakes made "
        "from Gunma wheat.",
        postal_code="375-0024", street="藤岡640-3", phone="0274-24-0918",
        latitude="36.256910", longitude="139.077420",
        story="グリシーヌはフランス語で藤のこと。ふじまつりの季節には藤の花のムースが並びます。",
        story_en="Glycine is French for wisteria. During the wisteria festival we make a "
        "wisteria mousse.",
        hours=(("火水木金土日", "10:00", "19:00"),),
        menu_heading="人気のお菓子", menu_heading_en="Favourites",
        menu=(
            MenuItem("藤の花のムース", "Wisteria mousse", 520, "4〜5月", "April-May"),
            MenuItem("上州小麦のフィナンシェ", "Gunma wheat financier", 250),
            MenuItem("ホールケーキ（15cm）", "Whole cake (15 cm)", 3800, "要予約",
                     "order ahead"),
        ),
        payments=("cash", "credit_card", "ic_card", "qr_code"), languages=("ja", "en"),
        step_free=True, parking="available",
    ),
    BusinessSpec(
        slug="yakimanju-maruya", category="sweets", area="mikuri",
        name="焼きまんじゅう まるや", kana="やきまんじゅう まるや", name_en="Yaki-manjū Maruya",
        owner=Person("田村", "和夫", "Tamura", "Kazuo"),
        summary="群馬名物の焼きまんじゅうを、炭火で一本ずつ焼く週末だけのお店です。",
        summary_en="Gunma's grilled miso-glazed buns, charcoal-grilled skewer by skewer, "
        "at weekends only.",
        postal_code="375-0046", street="本郷1384-2", phone="0274-23-5546",
        latitude="36.241750", longitude="139.046900",
        story="甘辛い味噌だれは先代から受け継いだ配合です。焼きたてをその場でどうぞ。",
        story_en="The sweet-savoury miso glaze is my father's recipe. Eat them hot, "
        "straight off the grill.",
        hours=(("土日", "10:00", "16:00"), ("祝", "10:00", "16:00")),
        holiday_rule="own_hours",
        menu_heading="品書き", menu_heading_en="Menu",
        menu=(
            MenuItem("焼きまんじゅう（4個串）", "Grilled buns (4 on a skewer)", 300),
            MenuItem("あん入り焼きまんじゅう", "Grilled buns with bean paste", 400),
        ),
        payments=("cash",), parking="available",
    ),
    BusinessSpec(
        slug="yamabuki-shuzo", category="sake-brewery", area="mikuri",
        name="山吹酒造", kana="やまぶきしゅぞう", name_en="Yamabuki Brewery",
        owner=Person("木村", "健一", "Kimura", "Kenichi"),
        summary="美九里の田んぼに囲まれた酒蔵。地元の酒米と三波川の梅で梅酒も造っています。",
        summary_en="A brewery among Mikuri's rice fields, also making umeshu from Sanbagawa plums.",
        postal_code="375-0046", street="本郷2045", phone="0274-23-2290",
        latitude="36.244600", longitude="139.051100",
        story="蔵の周りの田んぼで育てた酒米「舞風」を使い、小さな仕込みで丁寧に醸しています。",
        story_en="We brew in small batches from Maikaze sake rice grown in the fields around "
        "the brewery.",
        hours=(("月火水木金", "09:00", "17:00"), ("土", "10:00", "15:00")),
        holiday_rule="closed",
        menu_heading="直売所", menu_heading_en="Shop",
        menu=(
            MenuItem("特別純米「藤の郷」720ml", "Fuji-no-Sato tokubetsu junmai, 720 ml", 1760),
            MenuItem("梅酒 500ml", "Umeshu plum liqueur, 500 ml", 1650),
            MenuItem("甘酒", "Amazake (alcohol-free)", 385),
        ),
        payments=("cash", "credit_card"), languages=("ja",),
        step_free=True, accessible_toilet=True, parking="accessible",
    ),
    BusinessSpec(
        slug="mikuri-blueberry-farm", category="farm", area="mikuri",
        name="美九里ブルーベリー農園", kana="みくりぶるーべりーのうえん",
        name_en="Mikuri Blueberry Farm",
        owner=Person("松本", "智子", "Matsumoto", "Tomoko"),
        summary="20品種のブルーベリーを摘み取りできる農園。夏は30分食べ放題です。",
        summary_en="Pick-your-own blueberries from 20 varieties, with 30-minute eat-all-you-like "
        "picking in summer.",
        postal_code="375-0047", street="西平井512", phone="0274-23-7301",
        latitude="36.240300", longitude="139.044100",
        story="農薬をなるべく使わずに育てています。ベビーカーでも通れる広い通路です。",
        story_en="Grown with as few pesticides as we can; the paths are wide enough for "
        "pushchairs.",
        hours=(("火水木金土日", "09:00", "16:00"),),
        hours_note="摘み取りは6月中旬〜8月下旬。それ以外の時期は直売のみです。",
        hours_note_en="Picking from mid-June to late August; farm shop only at other times.",
        menu_heading="料金", menu_heading_en="Prices",
        menu=(
            MenuItem("摘み取り（30分）大人", "Picking, 30 min, adult", 1200),
            MenuItem("摘み取り（30分）子ども", "Picking, 30 min, child", 600, "3歳以下無料",
                     "under 4 free"),
            MenuItem("冷凍ブルーベリー 500g", "Frozen blueberries, 500 g", 1000),
        ),
        payments=("cash", "qr_code"), languages=("ja", "en"),
        step_free=True, accessible_toilet=True, parking="accessible",
    ),
    BusinessSpec(
        slug="fuji-no-ichi", category="farm", area="fujioka-center",
        name="農産物直売所 ふじの市", kana="のうさんぶつちょくばいじょ ふじのいち",
        name_en="Fuji-no-Ichi Farmers' Market",
        owner=Person("関口", "徹", "Sekiguchi", "Toru"),
        summary="市内の農家80軒が朝採りの野菜を持ち寄る直売所です。",
        summary_en="Eighty local farms bring their morning-picked vegetables to this market.",
        postal_code="375-0024", street="藤岡1560-8", phone="0274-22-8714",
        latitude="36.261200", longitude="139.071600",
        story="棚には生産者の名前と顔写真。下仁田ねぎや上州もち豚など群馬の味がそろいます。",
        story_en="Each shelf shows who grew it. Look out for Shimonita leeks, Jōshū pork "
        "and other Gunma produce.",
        hours=(("毎日", "08:30", "17:00"),),
        year_end="short",
        menu_heading="今週のおすすめ", menu_heading_en="This week",
        menu=(
            MenuItem("下仁田ねぎ（1束）", "Shimonita leeks (bunch)", 350),
            MenuItem("朝採りとうもろこし", "Morning-picked sweetcorn", 200),
            MenuItem("上州もち豚ロース 100g", "Jōshū pork loin, 100 g", 280),
        ),
        payments=("cash", "credit_card", "ic_card", "qr_code", "e_money"),
        step_free=True, accessible_toilet=True, parking="accessible",
    ),
    BusinessSpec(
        slug="sanbagawa-yuzu-farm", category="farm", area="sakurayama",
        name="三波川 ゆずの里農園", kana="さんばがわ ゆずのさとのうえん",
        name_en="Sanbagawa Yuzu Orchard",
        owner=Person("吉田", "さおり", "Yoshida", "Saori"),
        summary="山あいの段々畑でゆずを育てています。冬はゆずの収穫体験も。",
        summary_en="Yuzu citrus grown on mountain terraces, with yuzu picking in winter.",
        postal_code="370-1402", street="三波川3301", phone="0274-52-5128",
        latitude="36.202900", longitude="139.025800",
        story="三波川は冬桜とゆずの里。ゆず胡椒やジャムも畑のとなりの小屋で手づくりしています。",
        story_en="Sanbagawa is the valley of winter cherries and yuzu. We make yuzu pepper "
        "paste and jam in the hut next to the orchard.",
        hours=(("土日", "09:00", "15:00"),),
        hours_note="収穫期（11月〜12月）は平日も営業します。",
        hours_note_en="Also open on weekdays in the harvest season (November and December).",
        menu_heading="直売品", menu_heading_en="Farm shop",
        menu=(
            MenuItem("ゆず 1kg", "Yuzu, 1 kg", 800),
            MenuItem("ゆず胡椒", "Yuzu kosho pepper paste", 600),
            MenuItem("ゆずジャム", "Yuzu jam", 650),
        ),
        payments=("cash",), parking="available",
        access_notes="畑は急な斜面です。直売小屋は駐車場の横です。",
        access_notes_en="The orchard is steep; the farm shop is next to the car park.",
    ),
    BusinessSpec(
        slug="sanbaseki-kobo-ishinone", category="crafts", area="sanbaseki",
        name="三波石工房 いしのね", kana="さんばせきこうぼう いしのね",
        name_en="Ishinone Sanba-Stone Studio",
        owner=Person("狩野", "悟", "Kano", "Satoru"),
        summary="緑の縞模様が美しい三波石で、箸置きや文鎮をつくる工房です。",
        summary_en="A studio making chopstick rests and paperweights from green-striped "
        "Sanba stone.",
        postal_code="370-1403", street="譲原702-1", phone="0274-52-7730",
        latitude="36.209200", longitude="139.040500",
        story="三波石は江戸時代から庭石として愛されてきました。使うのは河原から許可を得て集めた端材です。",
        story_en="Sanba stone has been prized for gardens since the Edo period. We work only "
        "offcuts gathered with permission.",
        hours=(("木金土日月", "10:00", "17:00"),),
        menu_heading="作品", menu_heading_en="Pieces",
        menu=(
            MenuItem("三波石の箸置き", "Sanba-stone chopstick rest", 1200),
            MenuItem("文鎮", "Paperweight", 3500),
            MenuItem("小さな盆石", "Small tray landscape stone", 8800),
        ),
        payments=("cash", "credit_card"), languages=("ja", "en"),
        parking="available",
    ),
    BusinessSpec(
        slug="kawaraya", category="crafts", area="fujioka-center",
        name="藤岡瓦 工房かわらや", kana="ふじおかがわら こうぼうかわらや",
        name_en="Kawaraya Fujioka Tile Studio",
        owner=Person("町田", "浩二", "Machida", "Koji"),
        summary="藤岡瓦の職人が営む工房。瓦の土で小物や表札をつくっています。",
        summary_en="Run by a maker of Fujioka roof tiles, turning tile clay into coasters, "
        "nameplates and more.",
        postal_code="375-0011", street="岡之郷1240", phone="0274-22-4403",
        latitude="36.262800", longitude="139.079900",
        story="藤岡は江戸時代から続く瓦の産地です。いぶし銀の風合いをくらしの小物に生かしています。",
        story_en="Fujioka has made roof tiles since the Edo period; we bring their smoky "
        "silver sheen to everyday things.",
        hours=(("月火水木金土", "09:00", "17:00"),),
        holiday_rule="closed",
        menu_heading="作品と価格", menu_heading_en="Pieces and prices",
        menu=(
            MenuItem("瓦のコースター", "Tile coaster", 1500),
            MenuItem("鬼瓦のミニチュア", "Miniature demon tile", 4400),
            MenuItem("表札", "Nameplate", 12000, "受注制作・〜", "made to order, from"),
        ),
        payments=("cash", "credit_card", "bank_transfer"),
        step_free=True, parking="available",
    ),
    BusinessSpec(
        slug="kinu-kobo-mayu", category="crafts", area="mikuri",
        name="絹工房 まゆ", kana="きぬこうぼう まゆ", name_en="Silk Studio Mayu",
        owner=Person("岩崎", "美穂", "Iwasaki", "Miho"),
        summary="座繰りで糸をひき、草木で染めて織る、小さな絹の工房です。",
        summary_en="A small silk studio: hand-reeled thread, plant dyes and weaving.",
        postal_code="375-0046", street="本郷1702-5", phone="0274-23-9962",
        latitude="36.245200", longitude="139.045600",
        story="藤岡には近代養蚕を広めた高山社がありました。その技を今に伝えたいと工房を開きました。",
        story_en="Fujioka was home to Takayama-sha, which spread modern silkworm rearing. "
        "I opened the studio to keep those skills alive.",
        hours=(("火水木金土", "10:00", "16:00"),),
        menu_heading="作品", menu_heading_en="Pieces",
        menu=(
            MenuItem("草木染めの絹ストール", "Plant-dyed silk stole", 9800),
            MenuItem("まゆ玉のブローチ", "Silk-cocoon brooch", 1800),
            MenuItem("座繰り糸（50g）", "Hand-reeled silk thread, 50 g", 2200),
        ),
        payments=("cash", "qr_code"), languages=("ja", "en"),
        parking="available",
    ),
    BusinessSpec(
        slug="kawaoto-no-yado-kanna", category="inn", area="onishi",
        name="川音の宿 かんな", kana="かわおとのやど かんな", name_en="Kawaoto Inn Kanna",
        owner=Person("飯塚", "亮", "Iizuka", "Ryo"),
        summary="神流川のほとりの全8室の宿。夕食は川魚と山の幸の会席です。",
        summary_en="An eight-room inn on the Kanna River, with kaiseki dinners of river fish "
        "and mountain produce.",
        postal_code="370-1401", street="鬼石520-2", phone="0274-52-3350",
        latitude="36.199600", longitude="139.061100",
        story="どの部屋からも川の音が聞こえます。夏は鮎、秋は舞茸、冬はぼたん鍋をご用意します。",
        story_en="Every room hears the river. Sweetfish in summer, maitake in autumn and "
        "wild-boar hotpot in winter.",
        hours=(("毎日", "07:00", "10:00"), ("毎日", "15:00", "22:00")),
        hours_note="チェックイン15:00〜19:00、チェックアウト10:00。",
        hours_note_en="Check-in 15:00 to 19:00, check-out 10:00.",
        year_end="",
        menu_heading="宿泊料金（お一人様）", menu_heading_en="Rates per person",
        menu=(
            MenuItem("一泊二食（二名一室）", "Dinner, bed and breakfast (two sharing)", 16500),
            MenuItem("一泊朝食", "Bed and breakfast", 9900),
            MenuItem("鮎の塩焼き御膳（昼）", "Grilled sweetfish lunch", 2500, "要予約",
                     "book ahead"),
        ),
        payments=("cash", "credit_card", "qr_code", "bank_transfer"),
        languages=("ja", "en", "zh-hant", "ko"),
        step_free=True, accessible_toilet=True, parking="accessible",
        access_notes="1階に車いす対応の客室が1室あります。",
        access_notes_en="One wheelchair-accessible room on the ground floor.",
        website="https://kawaoto-kanna.example.jp/",
    ),
    BusinessSpec(
        slug="minshuku-sakurayama-so", category="inn", area="sakurayama",
        name="民宿 さくらやま荘", kana="みんしゅく さくらやまそう",
        name_en="Minshuku Sakurayama-sō",
        owner=Person("中澤", "久美子", "Nakazawa", "Kumiko"),
        summary="桜山公園まで歩いて10分の家族経営の民宿。手づくりの田舎料理が自慢です。",
        summary_en="A family-run guesthouse ten minutes' walk from Sakurayama Park, proud of "
        "its home cooking.",
        postal_code="370-1402", street="三波川2551", phone="0274-52-6218",
        latitude="36.205100", longitude="139.020900",
        story="冬桜と紅葉が同時に見られる11月下旬が一番のおすすめ。夜は満天の星です。",
        story_en="Late November is best, when winter cherries and autumn leaves show "
        "together. The night sky is full of stars.",
        hours=(("毎日", "16:00", "21:00"),),
        hours_note="冬桜の季節は早めのご予約をおすすめします。",
        hours_note_en="Book early for the winter-cherry season.",
        menu_heading="宿泊料金（お一人様）", menu_heading_en="Rates per person",
        menu=(
            MenuItem("一泊二食", "Dinner, bed and breakfast", 9800),
            MenuItem("素泊まり", "Room only", 5500),
        ),
        payments=("cash", "bank_transfer"), parking="available",
    ),
    BusinessSpec(
        slug="guesthouse-fuji", category="inn", area="fujioka-center",
        name="ゲストハウス 藤", kana="げすとはうす ふじ", name_en="Guesthouse Fuji",
        owner=Person("Bennett", "Olivia", "Bennett", "Olivia"),
        summary="駅前の古い商家を改装したゲストハウス。自転車を借りて町をめぐれます。",
        summary_en="A guesthouse in an old merchant's house by the station, with bicycles to "
        "explore the town.",
        postal_code="375-0024", street="藤岡175-1", phone="0274-24-3321",
        latitude="36.256300", longitude="139.074100",
        story="オーナーは藤岡に移り住んで十年のイギリス人。旅の相談は英語でも日本語でもどうぞ。",
        story_en="Your host moved to Fujioka from England ten years ago and is happy to help "
        "plan your trip, in English or Japanese.",
        hours=(("毎日", "16:00", "22:00"),),
        hours_note="チェックイン16:00〜22:00。", hours_note_en="Check-in 16:00 to 22:00.",
        year_end="",
        menu_heading="料金", menu_heading_en="Rates",
        menu=(
            MenuItem("ドミトリー（1泊）", "Dormitory bed, per night", 3800),
            MenuItem("個室（1名・1泊）", "Private room, one person", 5500),
            MenuItem("レンタサイクル（1日）", "Bicycle hire, per day", 500),
        ),
        payments=("cash", "credit_card", "qr_code"), languages=("ja", "en", "zh-hans"),
        parking="none",
        access_notes="客室は2階で階段のみです。", access_notes_en="Rooms are upstairs, stairs only.",
    ),
    BusinessSpec(
        slug="kannako-canoe-club", category="experience", area="onishi",
        name="神流湖カヌー倶楽部", kana="かんなこかぬーくらぶ", name_en="Lake Kanna Canoe Club",
        owner=Person("武井", "翔太", "Takei", "Shota"),
        summary="神流湖でカヌー体験。初めての方や小学生も参加できます。",
        summary_en="Canoeing on Lake Kanna for first-timers and children from six.",
        postal_code="370-1401", street="鬼石1850-3", phone="090-4417-2280",
        latitude="36.203800", longitude="139.057600",
        story="ガイドがマンツーマンで教えるので、はじめてでも安心です。湖から三波石峡の岩壁を眺めます。",
        story_en="A guide stays with you all the way, so beginners are welcome. Paddle out "
        "to see the cliffs of the Sanbaseki Gorge.",
        hours=(("土日", "09:00", "16:00"), ("祝", "09:00", "16:00")),
        holiday_rule="own_hours",
        hours_note="4月〜11月のみ。平日は10名以上の団体で承ります。",
        hours_note_en="April to November only; weekdays for groups of ten or more.",
        menu_heading="料金", menu_heading_en="Prices",
        menu=(
            MenuItem("カヌー体験（2時間）大人", "Canoe session, 2 hours, adult", 5500),
            MenuItem("カヌー体験（2時間）小学生", "Canoe session, 2 hours, child", 3800),
        ),
        payments=("cash", "credit_card", "qr_code"), languages=("ja", "en"),
        parking="available",
        questions=(Question("泳げなくても大丈夫ですか？",
                            "<p>はい。全員ライフジャケットを着用します。</p>",
                            "I can't swim. Can I join?",
                            "<p>Yes. Everyone wears a life jacket.</p>"),),
    ),
    BusinessSpec(
        slug="sobauchi-dojo-mikuri", category="experience", area="mikuri",
        name="そば打ち道場 みくり", kana="そばうちどうじょう みくり",
        name_en="Mikuri Soba-Making Dōjō",
        owner=Person("根岸", "清", "Negishi", "Kiyoshi"),
        summary="地元のそば粉でそば打ちを体験。打ったそばはその場で食べられます。",
        summary_en="Make buckwheat noodles from local flour and eat them on the spot.",
        postal_code="375-0045", street="森384", phone="0274-23-3307",
        latitude="36.246800", longitude="139.052700",
        story="こね、のし、切りまで約1時間。名人がコツを教えます。",
        story_en="Kneading, rolling and cutting take about an hour, with a master at your side.",
        hours=(("水木金土日", "10:00", "15:00"), ("祝", "10:00", "15:00")),
        holiday_rule="own_hours",
        menu_heading="料金", menu_heading_en="Prices",
        menu=(MenuItem("そば打ち体験（2人前）", "Soba making (two portions)", 3300, "要予約",
                       "book ahead"),),
        payments=("cash",), languages=("ja",),
        step_free=True, accessible_toilet=True, parking="accessible",
    ),
    BusinessSpec(
        slug="koinobori-soyokaze", category="experience", area="sanbaseki",
        name="こいのぼり絵付け体験 そよかぜ", kana="こいのぼりえつけたいけん そよかぜ",
        name_en="Soyokaze Carp-Streamer Painting",
        owner=Person("富澤", "奈々", "Tomizawa", "Nana"),
        summary="自分だけのこいのぼりに絵付けをして持ち帰れます。",
        summary_en="Paint your own carp streamer and take it home.",
        postal_code="370-1402", street="三波川820-2", phone="0274-52-8825",
        latitude="36.211300", longitude="139.035800",
        story="春、三波石峡の上を数百匹のこいのぼりが泳ぎます。その景色を小さなこいのぼりに描いてみませんか。",
        story_en="Each spring hundreds of carp streamers fly over the Sanbaseki Gorge. Paint "
        "that view on a streamer of your own.",
        hours=(("土日", "10:00", "15:00"),),
        special=(
            SpecialDate(5, 3, "こいのぼりの里まつり", "Carp-streamer festival", "09:00", "16:00"),
            SpecialDate(5, 4, "こいのぼりの里まつり", "Carp-streamer festival", "09:00", "16:00"),
            SpecialDate(5, 5, "こいのぼりの里まつり", "Carp-streamer festival", "09:00", "16:00"),
        ),
        menu_heading="料金", menu_heading_en="Prices",
        menu=(
            MenuItem("こいのぼり絵付け（小）", "Streamer painting, small", 1800),
            MenuItem("こいのぼり絵付け（大）", "Streamer painting, large", 3200),
        ),
        payments=("cash", "qr_code"), languages=("ja", "en"),
        step_free=True, parking="available",
    ),
    BusinessSpec(
        slug="ito-shoten", category="retail", area="fujioka-center",
        name="酒と食品 いとう商店", kana="さけとしょくひん いとうしょうてん",
        name_en="Ito Shoten Sake and Groceries",
        owner=Person("伊藤", "隆", "Ito", "Takashi"),
        summary="群馬の地酒と郷土の食材がそろう、駅通りの酒屋です。",
        summary_en="A liquor and grocery shop on Station Street, stocking Gunma sake and "
        "local foods.",
        postal_code="375-0024", street="藤岡268-4", phone="0274-22-1736",
        latitude="36.257700", longitude="139.074800",
        story="県内25の蔵元の酒を冷蔵庫で管理しています。おみやげの相談もお気軽に。",
        story_en="We keep sake from 25 Gunma breweries in cold storage. Ask us about gifts "
        "to take home.",
        hours=(("毎日", "09:00", "20:00"),),
        year_end="short",
        menu_heading="おすすめ", menu_heading_en="Recommended",
        menu=(
            MenuItem("焼きまんじゅうのたれ", "Yaki-manjū miso glaze", 450),
            MenuItem("下仁田こんにゃく", "Shimonita konnyaku", 300),
            MenuItem("群馬の地酒 720ml", "Gunma sake, 720 ml", 1650, "〜", "from"),
        ),
        payments=("cash", "credit_card", "ic_card", "qr_code", "e_money"),
        languages=("ja", "en"),
        step_free=True, parking="available",
    ),
    BusinessSpec(
        slug="kotoba-do", category="retail", area="onishi",
        name="まちの本屋 ことば堂", kana="まちのほんや ことばどう", name_en="Kotoba-dō Bookshop",
        owner=Person("森", "ことみ", "Mori", "Kotomi"),
        summary="鬼石の町なかの小さな本屋。郷土の本と手描きの散歩地図があります。",
        summary_en="A small bookshop in Onishi with local-history books and a hand-drawn "
        "walking map.",
        postal_code="370-1401", street="鬼石61-3", phone="0274-52-2045",
        latitude="36.200900", longitude="139.062900",
        story="鬼石の路地や三波石の名所をめぐる散歩地図を、店主が描いています。",
        story_en="The owner draws a walking map of Onishi's lanes and Sanba-stone sights.",
        hours=(("木金土日月火", "10:00", "19:00"),),
        holiday_rule="closed",
        menu_heading="店主のおすすめ", menu_heading_en="Owner's picks",
        menu=(
            MenuItem("鬼石散歩地図（手描き）", "Hand-drawn Onishi walking map", 300),
            MenuItem("郷土本『三波石のはなし』", "Book: The Story of Sanba Stone", 1320),
            MenuItem("古本", "Second-hand books", 100, "〜", "from"),
        ),
        payments=("cash", "qr_code"), parking="none",
    ),
    BusinessSpec(
        slug="baiten-yamabiko", category="retail", area="sanbaseki",
        name="三波石峡売店 やまびこ", kana="さんばせききょうばいてん やまびこ",
        name_en="Yamabiko Shop at Sanbaseki",
        owner=Person("堀口", "正", "Horiguchi", "Tadashi"),
        summary="三波石峡の遊歩道入口にある売店。こんにゃくおでんで一休みを。",
        summary_en="A kiosk at the start of the Sanbaseki Gorge trail. Stop for konnyaku oden.",
        postal_code="370-1403", street="譲原1504", phone="0274-52-7418",
        latitude="36.210900", longitude="139.039800",
        story="遊歩道の地図や虫よけも置いています。トイレと休憩所があります。",
        story_en="Trail maps and insect repellent for sale, with toilets and a rest area.",
        hours=(("毎日", "09:00", "17:00"),),
        menu_heading="品書き", menu_heading_en="Menu",
        menu=(
            MenuItem("こんにゃくおでん", "Konnyaku oden", 200),
            MenuItem("冷やしきゅうり", "Chilled cucumber on a stick", 150),
            MenuItem("三波石のキーホルダー", "Sanba-stone key ring", 600),
        ),
        payments=("cash", "qr_code"),
        step_free=True, accessible_toilet=True, parking="accessible",
    ),
]  # fmt: skip

# A published storefront whose owner has submitted an edit for the city's review.
EDIT_IN_REVIEW = (
    "patisserie-la-glycine",
    "ふじまつりの季節限定「藤の花のムース」を今年も販売します。上州小麦の焼き菓子もどうぞ。",
)
# A storefront closed for a while: (slug, days from today, message with {date}).
TEMPORARILY_CLOSED = (
    "grill-akarenga",
    45,
    "店内改装のため休業しています。{date}に再開の予定です。",
    "Closed for refurbishment; we plan to reopen on {date}.",
)


@dataclass(frozen=True)
class ApplicationSpec:
    business_name: str
    business_name_kana: str
    category: str
    area: str
    postal_code: str
    street: str
    phone: str
    description: str
    contact: Person
    licence_number: str = ""
    language: str = "ja"


# Waiting for the city's review; the second repeats 居酒屋 藤ノ家's phone number.
APPLICATIONS = [
    ApplicationSpec(
        "古民家カフェ いろり", "こみんかかふぇ いろり", "cafe", "mikuri", "375-0045", "森1120",
        "0274-23-4418",
        "築百年の農家を改装し、いろりのあるカフェを開きます。地元の野菜を使ったランチを出す予定です。",
        Person("関", "健太", "Seki", "Kenta"), licence_number="藤保第1234号",
    ),
    ApplicationSpec(
        "居酒屋 藤ノ家 別館", "いざかや ふじのや べっかん", "restaurant", "fujioka-center",
        "375-0024", "藤岡460-1", "0274-22-5580",
        "本店のとなりに、宴会のできる別館を開きます。",
        Person("藤井", "翔", "Fujii", "Sho"), licence_number="藤保第1301号",
    ),
]  # fmt: skip

HOME = {
    "ja": (
        "冬桜と三波石のまち、藤岡の店をめぐる",
        "<p>藤岡市の飲食店、酒蔵、農園、工房、宿、体験を、お店の人が自分で紹介しています。"
        "営業時間や支払い方法、バリアフリーの情報もわかります。</p>",
    ),
    "en": (
        "Explore Fujioka, town of winter cherry blossoms and Sanba stone",
        "<p>Restaurants, sake breweries, farms, studios, inns and activities across Fujioka, "
        "each introduced by the people who run them, with opening hours, payment methods "
        "and accessibility information.</p>",
    ),
}
DIRECTORY_INTRO = {
    "ja": "中心街から鬼石、桜山、三波石峡、美九里まで。藤岡市内のお店を地区やジャンルでさがせます。",
    "en": "From central Fujioka to Onishi, Sakurayama, the Sanbaseki Gorge and Mikuri: find "
    "shops by district or by trade.",
}
