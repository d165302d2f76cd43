"""Synthetic but realistic search documents for bench/search.py.

`documents(n, base)` yields exactly `n` SearchDocuments as a stream (nothing
is kept between documents, so memory does not grow with n): shops, products
(most of them), attractions, events with occurrences and model courses in and
around Fujioka, in Japanese with an English version for most objects. Names
are built from real place names (with readings), trades and local products,
so the analysis sees the words real pages have. The same seed gives the same
documents.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from search.documents import SearchDocument

TOKYO = ZoneInfo("Asia/Tokyo")
CENTRE = (36.2585, 139.0745)  # Gunma-Fujioka Station

# (slug, name, reading, English, latitude, longitude)
AREAS = [
    ("fujioka-center", "藤岡中心街", "ふじおかちゅうしんがい", "Central Fujioka", 36.2585, 139.0745),
    ("onishi", "鬼石", "おにし", "Onishi", 36.2010, 139.0630),
    ("sakurayama", "桜山", "さくらやま", "Sakurayama", 36.2040, 139.0230),
    ("sanbaseki", "三波石峡", "さんばせききょう", "Sanbaseki Gorge", 36.2100, 139.0380),
    ("mikuri", "美九里", "みくり", "Mikuri", 36.2430, 139.0480),
    ("hirai", "平井", "ひらい", "Hirai", 36.2300, 139.0850),
    ("hino", "日野", "ひの", "Hino", 36.2150, 139.1000),
    ("ono", "小野", "おの", "Ono", 36.2700, 139.0950),
    ("midori", "美土里", "みどり", "Midori", 36.2650, 139.0500),
    ("kanna", "神流", "かんな", "Kanna", 36.1950, 139.0500),
]  # fmt: skip

# Family and house names (name, reading, romanised).
NAMES = [
    ("佐藤", "さとう", "Sato"), ("新井", "あらい", "Arai"), ("高橋", "たかはし", "Takahashi"),
    ("小林", "こばやし", "Kobayashi"), ("黒澤", "くろさわ", "Kurosawa"), ("伊藤", "いとう", "Ito"),
    ("岩崎", "いわさき", "Iwasaki"), ("飯塚", "いいづか", "Iizuka"), ("根岸", "ねぎし", "Negishi"),
    ("堀口", "ほりぐち", "Horiguchi"), ("富澤", "とみざわ", "Tomizawa"), ("武井", "たけい", "Takei"),
    ("茂木", "もてぎ", "Motegi"), ("金井", "かない", "Kanai"), ("田村", "たむら", "Tamura"),
    ("山吹", "やまぶき", "Yamabuki"), ("ひだまり", "ひだまり", "Hidamari"),
    ("こはる", "こはる", "Koharu"), ("やまびこ", "やまびこ", "Yamabiko"),
    ("かんな", "かんな", "Kanna"), ("まゆ", "まゆ", "Mayu"), ("しおり", "しおり", "Shiori"),
    ("ふじ", "ふじ", "Fuji"), ("つばき", "つばき", "Tsubaki"), ("あおば", "あおば", "Aoba"),
]  # fmt: skip

# (key, label ja, label en, name pattern ja, reading pattern, name pattern en, words ja, words en)
TRADES = [
    ("restaurant", "飲食店", "Restaurant", "食堂 {n}", "しょくどう {r}", "{e} Diner",
     "手打ちそば 天ぷら 定食 上州牛 ハンバーグ", "soba, tempura, set meals, Gunma beef, hamburg steak"),
    ("restaurant", "飲食店", "Restaurant", "手打ちそば {n}", "てうちそば {r}", "Teuchi Soba {e}",
     "石臼挽き 十割そば 山菜 舞茸", "stone-milled buckwheat, noodles, mountain vegetables, maitake"),
    ("cafe", "カフェ", "Café", "喫茶 {n}", "きっさ {r}", "Kissa {e}",
     "自家焙煎 珈琲 ホットケーキ モーニング", "house-roasted coffee, pancakes, breakfast"),
    ("sweets", "和菓子・洋菓子", "Sweets", "{n}堂", "{r}どう", "{e}-dō Confectioners",
     "最中 羊羹 焼きまんじゅう 焼き菓子", "monaka, yokan, yaki-manju, baked sweets"),
    ("sake-brewery", "酒蔵", "Sake brewery", "{n}酒造", "{r}しゅぞう", "{e} Sake Brewery",
     "日本酒 純米吟醸 蔵見学 試飲 仕込み水", "sake, junmai ginjo, brewery tours, tastings, spring water"),
    ("farm", "農園", "Farm", "{n}農園", "{r}のうえん", "{e} Farm",
     "梨 ブルーベリー 柚子 摘み取り 直売", "nashi pears, blueberries, yuzu, fruit picking, farm stand"),
    ("crafts", "工房", "Crafts", "工房 {n}", "こうぼう {r}", "{e} Studio",
     "藤岡瓦 絹 草木染め 三波石 手仕事", "Fujioka tiles, silk, plant dyes, Sanba stone, handmade pieces"),
    ("inn", "宿", "Inn", "民宿 {n}荘", "みんしゅく {r}そう", "Minshuku {e}-so",
     "温泉 一泊二食 川魚 会席 送迎", "hot spring, dinner and breakfast, river fish, kaiseki"),
    ("experience", "体験", "Experience", "{n}体験工房", "{r}たいけんこうぼう", "{e} Workshop",
     "そば打ち カヌー 陶芸 絵付け", "soba making, canoeing, pottery, painting"),
    ("retail", "小売店", "Shop", "{n}商店", "{r}しょうてん", "{e} Shoten",
     "地酒 こんにゃく おみやげ 郷土の食材", "local sake, konnyaku, souvenirs, local food"),
]  # fmt: skip

SINGULAR_EN = {
    "restaurant": "restaurant", "cafe": "café", "sweets": "sweet shop",
    "sake-brewery": "sake brewery", "farm": "farm", "crafts": "craft studio", "inn": "inn",
    "experience": "activity", "retail": "shop",
}  # fmt: skip

# Local products: (name, reading, English, trade key, lowest price, highest price)
PRODUCTS = [
    ("純米吟醸", "じゅんまいぎんじょう", "Junmai ginjo sake", "sake-brewery", 1500, 5000),
    ("日本酒", "にほんしゅ", "Sake", "sake-brewery", 1200, 4000),
    ("本醸造", "ほんじょうぞう", "Honjozo sake", "sake-brewery", 1100, 3000),
    ("梅酒", "うめしゅ", "Umeshu plum liqueur", "sake-brewery", 1200, 2500),
    ("酒粕", "さけかす", "Sake lees", "sake-brewery", 400, 900),
    ("甘酒", "あまざけ", "Amazake", "sake-brewery", 500, 1300),
    ("幸水梨", "こうすいなし", "Kosui nashi pears", "farm", 1500, 4000),
    ("豊水梨", "ほうすいなし", "Hosui nashi pears", "farm", 1500, 4000),
    ("ブルーベリージャム", "ぶるーべりーじゃむ", "Blueberry jam", "farm", 600, 1200),
    ("柚子", "ゆず", "Yuzu citrus", "farm", 800, 2000),
    ("柚子胡椒", "ゆずこしょう", "Yuzu kosho", "farm", 500, 900),
    ("下仁田ねぎ", "しもにたねぎ", "Shimonita leeks", "farm", 1200, 2500),
    ("季節の野菜セット", "きせつのやさいせっと", "Seasonal vegetable box", "farm", 2000, 4000),
    ("舞茸", "まいたけ", "Maitake mushrooms", "farm", 500, 1500),
    ("りんご", "りんご", "Apples", "farm", 1500, 3500),
    ("いちご", "いちご", "Strawberries", "farm", 800, 2500),
    ("蕎麦粉", "そばこ", "Buckwheat flour", "restaurant", 700, 1500),
    ("生蕎麦", "なまそば", "Fresh soba noodles", "restaurant", 800, 2000),
    ("乾麺うどん", "かんめんうどん", "Dried udon noodles", "restaurant", 400, 1200),
    ("ハンバーグ", "はんばーぐ", "Hamburg steaks", "restaurant", 1200, 3000),
    ("珈琲豆", "こーひーまめ", "Coffee beans", "cafe", 900, 2400),
    ("ドリップバッグ", "どりっぷばっぐ", "Drip coffee bags", "cafe", 600, 1500),
    ("最中", "もなか", "Monaka wafers", "sweets", 800, 2500),
    ("羊羹", "ようかん", "Yokan bean jelly", "sweets", 900, 2000),
    ("焼きまんじゅう", "やきまんじゅう", "Yaki-manju", "sweets", 400, 900),
    ("フィナンシェ", "ふぃなんしぇ", "Financiers", "sweets", 1000, 2500),
    ("絹のストール", "きぬのすとーる", "Silk stole", "crafts", 5000, 15000),
    ("絹のハンカチ", "きぬのはんかち", "Silk handkerchief", "crafts", 1800, 3000),
    ("瓦のコースター", "かわらのこーすたー", "Roof-tile coaster", "crafts", 1200, 2000),
    ("ミニ鬼瓦", "みにおにがわら", "Miniature onigawara tile", "crafts", 3000, 6000),
    ("三波石の箸置き", "さんばせきのはしおき", "Sanba-stone chopstick rests", "crafts", 1200, 2500),
    ("こんにゃく", "こんにゃく", "Konnyaku", "retail", 250, 1000),
    ("味噌", "みそ", "Miso", "retail", 500, 1500),
    ("地図てぬぐい", "ちずてぬぐい", "Town-map tenugui", "retail", 900, 1500),
    ("宿泊券", "しゅくはくけん", "Stay voucher", "inn", 9000, 30000),
    ("カヌー体験チケット", "かぬーたいけんちけっと", "Canoeing ticket", "experience", 3000, 6000),
    ("そば打ち体験チケット", "そばうちたいけんちけっと", "Soba-making ticket", "experience", 2500, 4000),
]  # fmt: skip
MODIFIERS = [
    ("", "", ""), ("藤岡産", "ふじおかさん", "Fujioka-grown"), ("上州", "じょうしゅう", "Joshu"),
    ("手づくり", "てづくり", "Handmade"), ("季節限定", "きせつげんてい", "Seasonal"),
    ("特選", "とくせん", "Premium"), ("無添加", "むてんか", "Additive-free"),
    ("贈答用", "ぞうとうよう", "Gift"), ("昔ながらの", "むかしながらの", "Traditional"),
]  # fmt: skip
SIZES = [
    ("", ""),
    ("720ml", "720 ml"),
    ("1.8L", "1.8 l"),
    ("500g", "500 g"),
    ("1kg", "1 kg"),
    ("2kg", "2 kg"),
    ("3個入", "box of 3"),
    ("6個入", "box of 6"),
    ("詰め合わせ", "assortment"),
    ("お試しセット", "trial set"),
]

# (category, label ja, label en, suffix ja, reading, suffix en, words ja, words en)
ATTRACTIONS = [
    ("temple_shrine", "神社・寺", "Temples and shrines", "神社", "じんじゃ", "Shrine",
     "境内 藤棚 御朱印 拝殿", "wisteria, goshuin stamps, worship hall"),
    ("temple_shrine", "神社・寺", "Temples and shrines", "観音堂", "かんのんどう", "Kannon Hall",
     "石段 杉木立 紅葉 除夜の鐘", "stone steps, cedars, autumn leaves, temple bell"),
    ("park", "公園", "Parks", "公園", "こうえん", "Park",
     "冬桜 芝生広場 藤棚 散策路", "winter cherries, lawns, wisteria trellis, paths"),
    ("onsen", "温泉", "Hot springs", "温泉", "おんせん", "Onsen",
     "露天風呂 日帰り入浴 サウナ 弱アルカリ性", "open-air baths, day bathing, sauna, alkaline water"),
    ("viewpoint", "展望", "Viewpoints", "展望台", "てんぼうだい", "Lookout",
     "関東平野 星空 夕景 雲海", "views of the Kanto Plain, stars, sunsets, sea of clouds"),
    ("nature", "自然", "Nature", "遊歩道", "ゆうほどう", "Promenade",
     "川沿い 紅葉 新緑 野鳥", "riverside walks, autumn leaves, fresh green, birds"),
    ("history", "歴史", "History", "古墳", "こふん", "Burial Mound",
     "はにわ 古代 史跡 埴輪", "haniwa, ancient history, clay figures"),
    ("museum", "博物館", "Museums", "歴史館", "れきしかん", "History Museum",
     "展示 養蚕 藤岡瓦 学芸員", "exhibits, silk farming, Fujioka tiles, gallery talks"),
]  # fmt: skip

# (category, label ja, label en, suffix ja, reading, suffix en, words ja, words en, weekly?)
EVENTS = [
    ("festival", "祭り", "Festivals", "まつり", "まつり", "Festival",
     "屋台 和太鼓 ライトアップ 物産市", "food stalls, taiko drums, illuminations, local produce", False),
    ("market", "市", "Markets", "朝市", "あさいち", "Morning Market",
     "野菜 果物 おにぎり 直売", "vegetables, fruit, rice balls, farm produce", True),
    ("workshop", "教室・体験", "Workshops", "そば打ち教室", "そばうちきょうしつ", "Soba Class",
     "そば粉 打ちたて 講師 体験", "buckwheat flour, fresh noodles, hands-on lessons", True),
    ("exhibition", "展示", "Exhibitions", "写真展", "しゃしんてん", "Photo Exhibition",
     "写真 作品 ギャラリー 四季", "photographs, the four seasons, local artists", False),
    ("performance", "公演", "Performances", "コンサート", "こんさーと", "Concert",
     "音楽 演奏 ジャズ 夕べ", "music, jazz, evening concerts", False),
    ("food", "食", "Food", "新酒まつり", "しんしゅまつり", "New Sake Festival",
     "しぼりたて 試飲 蔵開き 甘酒", "fresh-pressed sake, tastings, amazake", False),
    ("sports", "スポーツ", "Sports", "紅葉ウォーク", "こうよううぉーく", "Autumn Walk",
     "ガイド 渓谷 ウォーキング 紅葉", "guided walks, the gorge, autumn colours", False),
]  # fmt: skip

SENTENCES_JA = [
    "{area}の{word}で知られる{kind}です。",
    "地元の{word}と{word2}を大切にしています。",
    "群馬藤岡駅から車で約{minutes}分、{area}にあります。",
    "季節ごとに{word}が楽しめます。",
    "{word}は数量限定です。お早めにどうぞ。",
    "駐車場は{spaces}台分あります。",
    "家族で訪れる方にも人気の{kind}です。",
]
SENTENCES_EN = [
    "In {area}, a {kind} known for its {word}.",
    "We care about local {word} and {word2}.",
    "About {minutes} minutes by car from Gunma-Fujioka Station, in {area}.",
    "Enjoy {word} in every season.",
    "The {word} is limited, so come early.",
    "Parking for {spaces} cars.",
    "Popular with families too.",
]
PAYMENT_TAGS = [
    ("現金", "cash"),
    ("クレジットカード", "credit card"),
    ("QRコード決済", "QR code"),
    ("交通系IC", "IC card"),
]

# Share of objects per kind (products are most of the index).
MIX = [("product", 62), ("shop", 15), ("attraction", 6), ("event", 12), ("course", 5)]
TRANSLATED = 0.7  # objects with an English version


def _text(rng, sentences, area, kind, words, count):
    picked = rng.sample(sentences, count)
    fill = {
        "area": area,
        "kind": kind,
        "word": rng.choice(words),
        "word2": rng.choice(words),
        "minutes": rng.randint(5, 45),
        "spaces": rng.randint(3, 120),
    }
    return (
        "".join(s.format(**fill) for s in picked)
        if sentences is SENTENCES_JA
        else " ".join(s.format(**fill) for s in picked)
    )


def _point(rng, area):
    lat, lng = area[4], area[5]
    return round(lat + rng.gauss(0, 0.008), 6), round(lng + rng.gauss(0, 0.01), 6)


def _opening(rng, base):
    """Opening intervals of the next seven days (closed one weekday)."""
    opens = rng.choice([7, 8, 9, 10, 11, 17])
    length = rng.choice([4, 6, 8, 9, 10])
    closed = rng.randrange(7)
    intervals = []
    for day in range(7):
        date = base + dt.timedelta(days=day)
        if date.weekday() == closed:
            continue
        start = dt.datetime.combine(date, dt.time(opens), TOKYO)
        intervals.append((start, start + dt.timedelta(hours=length)))
    return intervals


def _occurrences(rng, base, weekly):
    start_day = base + dt.timedelta(days=rng.randint(-3, 60))
    hour = rng.choice([7, 9, 10, 13, 18])
    length = dt.timedelta(hours=rng.choice([1, 2, 3, 6]))
    if weekly:
        days = [start_day + dt.timedelta(weeks=w) for w in range(rng.randint(4, 12))]
    else:
        days = [start_day + dt.timedelta(days=d) for d in range(rng.choice([1, 1, 2, 3, 7]))]
    return [
        (start, start + length)
        for start in (dt.datetime.combine(d, dt.time(hour), TOKYO) for d in days)
    ]


def _objects(rng, base):
    """Yields (kind, pk, {language: fields}) forever, in the MIX proportions."""
    kinds = [kind for kind, share in MIX for _ in range(share)]
    pk = 0
    while True:
        pk += 1
        kind = rng.choice(kinds)
        area = rng.choice(AREAS)
        slug, area_ja, area_kana, area_en = area[:4]
        name, reading, roman = rng.choice(NAMES)
        lat, lng = _point(rng, area)
        tags = [rng.choice(PAYMENT_TAGS) for _ in range(rng.randint(1, 3))]
        cards = any(tag[1] == "credit card" for tag in tags)
        common = {"area": slug, "latitude": lat, "longitude": lng, "takes_cards": cards}
        common["barrier_free"] = rng.random() < 0.3
        if kind in ("shop", "product"):
            trade = rng.choice(TRADES)
            key, label_ja, label_en, pat_ja, pat_kana, pat_en, words_ja, words_en = trade
            shop_ja = pat_ja.format(n=name)
            shop_en = pat_en.format(e=roman)
            singular_en = SINGULAR_EN[key]
            if kind == "shop":
                ja = {
                    "title": shop_ja,
                    "title_kana": pat_kana.format(r=reading),
                    "category": key,
                    "category_label": label_ja,
                    "words": words_ja.split(),
                    "kind_label": label_ja,
                    "price": None,
                }
                en = dict(ja, title=shop_en, title_kana="", category_label=label_en)
                en["words"], en["kind_label"] = words_en.split(", "), singular_en
                opening = _opening(rng, base)
                common.update(opening=opening, tags_ja=[t[0] for t in tags])
                common["tags_en"] = [t[1] for t in tags]
            else:
                product = rng.choice([p for p in PRODUCTS if p[3] == key] or PRODUCTS)
                modifier = rng.choice(MODIFIERS)
                size = rng.choice(SIZES)
                price = rng.randrange(product[4], product[5] + 1, 10)
                ja = {
                    "title": f"{modifier[0]}{product[0]} {size[0]}".strip(),
                    "title_kana": f"{modifier[1]}{product[1]}",
                    "category": key,
                    "category_label": label_ja,
                    "words": words_ja.split() + [product[0]],
                    "kind_label": f"{shop_ja}の品",
                    "price": price,
                }
                en = dict(ja, title=f"{modifier[2]} {product[2]} {size[1]}".strip(), title_kana="")
                en["category_label"] = label_en
                en["words"] = words_en.split(", ") + [product[2].lower()]
                en["kind_label"] = f"product of {shop_en}"
                common["tags_ja"] = [shop_ja, *(t[0] for t in tags)]
                common["tags_en"] = [shop_en, *(t[1] for t in tags)]
        elif kind == "attraction":
            spec = rng.choice(ATTRACTIONS)
            cat, label_ja, label_en, suffix, suffix_kana, suffix_en, words_ja, words_en = spec
            singular_en = suffix_en.lower()
            own_name = rng.random() < 0.5
            ja = {
                "title": f"{name if own_name else area_ja}{suffix}",
                "title_kana": f"{reading if own_name else area_kana}{suffix_kana}",
                "category": cat,
                "category_label": label_ja,
                "words": words_ja.split(),
                "kind_label": label_ja,
                "price": rng.choice([0, 0, 200, 300, 600, 700]),
            }
            en = dict(ja, title=f"{area_en} {suffix_en}", title_kana="", category_label=label_en)
            en["words"], en["kind_label"] = words_en.split(", "), singular_en
            common.update(opening=_opening(rng, base), tags_ja=[], tags_en=[])
        elif kind == "event":
            spec = rng.choice(EVENTS)
            cat, label_ja, label_en, suffix, suffix_kana, suffix_en, words_ja, words_en, weekly = (
                spec
            )
            singular_en = suffix_en.lower()
            ja = {
                "title": f"{area_ja}{suffix}",
                "title_kana": f"{area_kana}{suffix_kana}",
                "category": cat,
                "category_label": label_ja,
                "words": words_ja.split(),
                "kind_label": label_ja,
                "price": rng.choice([0, 0, 0, 500, 1000, 2500, 3500]),
            }
            en = dict(ja, title=f"{area_en} {suffix_en}", title_kana="", category_label=label_en)
            en["words"], en["kind_label"] = words_en.split(", "), singular_en
            common.update(occurrences=_occurrences(rng, base, weekly), tags_ja=[], tags_en=[])
        else:  # course
            other = rng.choice(AREAS)
            ja = {
                "title": f"{area_ja}と{other[1]} {rng.choice(['半日ドライブ', '散歩道', 'サイクリング'])}",
                "title_kana": f"{area_kana}と{other[2]}",
                "category": "",
                "category_label": "",
                "words": ["温泉", "酒蔵", "冬桜", "紅葉", "そば", "はにわ"],
                "kind_label": "モデルコース",
                "price": None,
            }
            en = dict(ja, title=f"{area_en} and {other[3]}: a day out", title_kana="")
            en["words"] = ["hot spring", "sake brewery", "winter cherries", "soba", "haniwa"]
            en["kind_label"] = "model course"
            common.update(latitude=None, longitude=None, tags_ja=[], tags_en=[])
        ja.update(area_label=area_ja, area_name=area_ja)
        en.update(area_label=area_en, area_name=area_en)
        yield kind, pk, common, ja, en


def documents(n: int, base: dt.date, seed: int = 5) -> Iterator[SearchDocument]:
    """Exactly `n` documents (the last object may lose its English version)."""
    rng = random.Random(seed)
    made = 0
    updated = dt.datetime.combine(base, dt.time(9), TOKYO)
    for kind, pk, common, ja, en in _objects(rng, base):
        if made >= n:
            return
        translated = rng.random() < TRANSLATED and made + 2 <= n
        for language, fields in (("ja", ja), ("en", en)):
            if language == "en" and not translated:
                break
            sentences = SENTENCES_JA if language == "ja" else SENTENCES_EN
            summary = _text(rng, sentences, fields["area_name"], fields["kind_label"],
                            fields["words"], 2)  # fmt: skip
            body = _text(rng, sentences, fields["area_name"], fields["kind_label"],
                         fields["words"], 4)  # fmt: skip
            suffix = f"{pk}-{language}" if kind == "product" else f"{pk * 2 + (language == 'en')}"
            yield SearchDocument(
                id=f"{kind}-{suffix}",
                kind=kind,
                language=language,
                group=f"{kind}-{pk}",
                title=fields["title"],
                url=f"/{language}/{kind}s/{pk}/",
                title_kana=fields["title_kana"],
                summary=summary,
                body=body,
                category=fields["category"],
                category_label=fields["category_label"],
                area=common["area"],
                area_label=fields["area_label"],
                tags=common[f"tags_{language}"],
                image_url=f"/media/images/{kind}-{pk}.jpg",
                price=fields["price"],
                latitude=common["latitude"],
                longitude=common["longitude"],
                barrier_free=common["barrier_free"],
                takes_cards=common["takes_cards"],
                occurrences=common.get("occurrences", []),
                opening=common.get("opening", []),
                translated_to=["en"] if language == "ja" and translated else [],
                updated_at=updated,
            )
            made += 1
