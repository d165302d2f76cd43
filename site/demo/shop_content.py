"""The demo shops' products and orders (fictional, like the businesses)."""

from dataclasses import dataclass

R, S = "reduced", "standard"  # tax classes: food and soft drinks / everything else


@dataclass(frozen=True)
class Option:
    name: str
    name_en: str
    price: int
    stock: int | None = 20  # None: not tracked (made to order, tickets)


@dataclass(frozen=True)
class ProductSpec:
    title: str
    title_en: str
    description: str
    description_en: str
    options: tuple[Option, ...]
    tax: str = R
    ships: bool = True
    pickup: bool = False
    eticket: bool = False
    draft: bool = False


def one(price, stock=20):
    return (Option("", "", price, stock),)


def ticket(title, title_en, description, description_en, price, seats=8):
    return ProductSpec(title, title_en, description, description_en, one(price, seats), tax=S,
                       ships=False, eticket=True)  # fmt: skip


@dataclass(frozen=True)
class ShopSpec:
    products: tuple[ProductSpec, ...]
    shipping_fee: int = 800
    free_shipping_from: int | None = 10000
    pay_at_store: bool = False
    bank_transfer: bool = False
    registration_number: str = ""
    # Finished Stripe Connect onboarding (demo account ids): payouts are sent.
    connected: bool = False


# Keyed by the business slug in content.BUSINESSES.
SHOPS: dict[str, ShopSpec] = {
    "kannagawa-shuzo": ShopSpec(
        connected=True, registration_number="T1234567890123", bank_transfer=True, shipping_fee=1100,
        products=(
            ProductSpec("純米吟醸「三波」", "Sanba junmai ginjō",
                        "神流川の伏流水で仕込んだ、すっきり辛口の純米吟醸。",
                        "A crisp, dry junmai ginjō brewed with Kanna River water.",
                        (Option("720ml", "720 ml", 1980, 24), Option("1.8L", "1.8 l", 3850, 10)), tax=S),
            ProductSpec("本醸造「鬼石」1.8L", "Onishi honjōzō, 1.8 l",
                        "毎日の晩酌に。燗でも冷やでも。", "For every evening, warm or chilled.",
                        one(2640, 12), tax=S),
            ProductSpec("酒粕 500g", "Sake lees, 500 g",
                        "粕汁や甘酒に。冬季限定。", "For soups and amazake. Winter only.",
                        one(500, 30)),
            ticket("蔵見学と試飲", "Brewery tour and tasting",
                   "10時または14時。所要約60分。", "At 10:00 or 14:00, about an hour.", 1000, 12),
        ),
    ),
    "yamabuki-shuzo": ShopSpec(
        registration_number="T2345678901234", pay_at_store=True,
        products=(
            ProductSpec("純米酒「山吹」720ml", "Yamabuki junmai, 720 ml",
                        "米の旨みがふくらむ純米酒。", "A junmai sake full of rice flavour.",
                        one(1650, 18), tax=S, pickup=True),
            ProductSpec("梅酒 500ml", "Umeshu plum liqueur, 500 ml",
                        "地元の梅を日本酒で漬けました。", "Local plums steeped in sake.",
                        one(1430, 15), tax=S, pickup=True),
            ProductSpec("米麹の甘酒", "Rice-koji amazake",
                        "ノンアルコール・砂糖不使用。", "Alcohol-free, no added sugar.",
                        (Option("300ml", "300 ml", 540, 40), Option("900ml", "900 ml", 1290, 15)),
                        pickup=True),
        ),
    ),
    "fuyuzakura-do": ShopSpec(
        connected=True, registration_number="T3456789012345",
        products=(
            ProductSpec("冬桜最中", "Winter-cherry monaka",
                        "桜あんを香ばしい皮で。", "Cherry-blossom bean paste in crisp wafers.",
                        (Option("6個入", "Box of 6", 1080, 30), Option("12個入", "Box of 12", 2052, 20))),
            ProductSpec("桜羊羹", "Cherry-blossom yōkan",
                        "桜葉の香る練り羊羹。", "Smooth bean jelly scented with cherry leaves.",
                        one(1296, 25)),
        ),
    ),
    "patisserie-la-glycine": ShopSpec(
        products=(
            ProductSpec("焼き菓子詰め合わせ", "Assorted baked sweets",
                        "フィナンシェ、マドレーヌ、クッキーの詰め合わせ。",
                        "Financiers, madeleines and cookies.", one(2500, 15)),
            ProductSpec("藤のフィナンシェ 5個", "Wisteria financiers, 5",
                        "焦がしバターのフィナンシェ。", "Brown-butter financiers.", one(1200, 3)),
        ),
    ),
    "yakimanju-maruya": ShopSpec(
        pay_at_store=True, registration_number="T4567890123456",
        products=(
            ProductSpec("焼きまんじゅう 4本", "Yaki-manjū, 4 skewers",
                        "焼きたてをお渡しします（店頭受取のみ）。",
                        "Grilled to order; pick up at the shop.",
                        one(600, None), ships=False, pickup=True),
            ProductSpec("特製味噌だれ 瓶", "House miso glaze, jar",
                        "ご家庭で焼きまんじゅうを。", "Make yaki-manjū at home.",
                        one(700, 40), pickup=True),
        ),
    ),
    "mikuri-blueberry-farm": ShopSpec(
        products=(
            ProductSpec("ブルーベリージャム", "Blueberry jam",
                        "果実たっぷり、低糖度。", "Lots of fruit, little sugar.", one(800, 50)),
            ProductSpec("冷凍ブルーベリー 1kg", "Frozen blueberries, 1 kg",
                        "完熟を摘んですぐ冷凍。", "Picked ripe and frozen the same day.",
                        one(2400, 0)),
            ticket("ブルーベリー摘み取り", "Blueberry picking",
                   "7月〜8月。食べ放題30分。", "July to August; 30 minutes, eat as many as you like.",
                   1500, 20),
        ),
    ),
    "fuji-no-ichi": ShopSpec(
        pay_at_store=True, shipping_fee=1200, free_shipping_from=None,
        products=(
            ProductSpec("季節の野菜セット", "Seasonal vegetable box",
                        "その朝とれた野菜を詰め合わせます。", "Vegetables picked that morning.",
                        (Option("S", "Small", 2000, 10), Option("M", "Medium", 3000, 10),
                         Option("L", "Large", 4000, 5)), pickup=True),
            ProductSpec("下仁田ねぎ 2kg", "Shimonita leeks, 2 kg",
                        "冬の名産。鍋にどうぞ。", "The winter speciality, for hot pots.",
                        one(1800, 20), pickup=True),
        ),
    ),
    "sanbagawa-yuzu-farm": ShopSpec(
        products=(
            ProductSpec("柚子 1kg", "Yuzu citrus, 1 kg", "冬至に。", "For the winter solstice bath.",
                        one(1500, 25)),
            ProductSpec("柚子胡椒", "Yuzu kosho", "青柚子と青唐辛子。", "Green yuzu and chilli.",
                        one(600, 60)),
            ProductSpec("柚子ジャム", "Yuzu marmalade", "皮ごと煮ました。", "Made with the peel.",
                        one(750, 40), draft=True),
        ),
    ),
    "sanbaseki-kobo-ishinone": ShopSpec(
        registration_number="T5678901234567",
        products=(
            ProductSpec("三波石の箸置き 2個", "Sanba-stone chopstick rests, pair",
                        "川原の石を磨きました。", "Polished river stone.", one(1600, 12), tax=S),
            ProductSpec("石のペーパーウェイト", "Stone paperweight",
                        "ひとつずつ形が違います。", "Each one is different.", one(3300, 6), tax=S),
        ),
    ),
    "kawaraya": ShopSpec(
        products=(
            ProductSpec("ミニ鬼瓦", "Miniature onigawara roof tile",
                        "藤岡瓦の職人が手びねりで。", "Hand-shaped by a Fujioka tile maker.",
                        one(4400, 8), tax=S),
        ),
    ),
    "kinu-kobo-mayu": ShopSpec(
        bank_transfer=True,
        products=(
            ProductSpec("絹のハンカチ", "Silk handkerchief", "群馬の絹を草木染めで。",
                        "Gunma silk, dyed with plants.",
                        (Option("桜色", "Cherry pink", 2200, 10), Option("藤色", "Wisteria", 2200, 10)),
                        tax=S),
            ProductSpec("絹のストール", "Silk stole", "軽くて暖かい。", "Light and warm.",
                        one(8800, 4), tax=S),
        ),
    ),
    "kissa-hidamari": ShopSpec(
        pay_at_store=True,
        products=(
            ProductSpec("ひだまりブレンド 200g", "Hidamari blend, 200 g",
                        "毎朝焙煎。豆のまま、または粉で。", "Roasted every morning; beans or ground.",
                        (Option("豆", "Beans", 1200, 30), Option("粉（中挽き）", "Ground (medium)", 1200, 30)),
                        pickup=True),
            ProductSpec("ドリップバッグ 5袋", "Drip bags, 5", "お湯を注ぐだけ。", "Just add hot water.",
                        one(900, 40), pickup=True),
        ),
    ),
    "kannako-canoe-club": ShopSpec(
        products=(
            ticket("カヌー体験（半日）", "Canoeing, half day",
                   "神流湖で初心者向けのガイド付き。", "Guided, for beginners, on Lake Kanna.", 5500),
        ),
    ),
    "sobauchi-dojo-mikuri": ShopSpec(
        products=(
            ticket("そば打ち体験", "Soba-making class",
                   "打ったそばはその場で試食。", "Eat the noodles you make.", 3300, 10),
        ),
    ),
    "ito-shoten": ShopSpec(
        registration_number="T6789012345678",
        products=(
            ProductSpec("藤岡の地酒 飲み比べ3本", "Fujioka sake tasting set, 3 × 300 ml",
                        "市内2蔵の飲み比べ。", "From both of the city's breweries.",
                        one(2700, 15), tax=S),
            ProductSpec("地図てぬぐい", "Town-map tenugui towel", "藤岡の町を描きました。",
                        "A map of Fujioka on a cotton towel.", one(1100, 25), tax=S),
        ),
    ),
    "baiten-yamabiko": ShopSpec(
        products=(
            ProductSpec("こんにゃく詰め合わせ", "Konnyaku selection",
                        "刺身こんにゃくと玉こんにゃく。", "Sashimi konnyaku and konnyaku balls.",
                        one(1000, 20)),
        ),
    ),
}  # fmt: skip
