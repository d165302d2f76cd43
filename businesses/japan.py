"""Japanese address and phone formats."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PREFECTURES = [
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
    "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県",
    "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県",
    "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県",
    "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県",
    "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県",
    "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
]  # fmt: skip
# The same in romaji, so visitors who cannot read kanji find theirs.
PREFECTURES_EN = [
    "Hokkaido", "Aomori", "Iwate", "Miyagi", "Akita", "Yamagata", "Fukushima",
    "Ibaraki", "Tochigi", "Gunma", "Saitama", "Chiba", "Tokyo", "Kanagawa",
    "Niigata", "Toyama", "Ishikawa", "Fukui", "Yamanashi", "Nagano", "Gifu",
    "Shizuoka", "Aichi", "Mie", "Shiga", "Kyoto", "Osaka", "Hyogo",
    "Nara", "Wakayama", "Tottori", "Shimane", "Okayama", "Hiroshima", "Yamaguchi",
    "Tokushima", "Kagawa", "Ehime", "Kochi", "Fukuoka", "Saga", "Nagasaki",
    "Kumamoto", "Oita", "Miyazaki", "Kagoshima", "Okinawa",
]  # fmt: skip
PREFECTURE_CHOICES = [(name, name) for name in PREFECTURES]

_POSTAL = re.compile(r"^(\d{3})-?(\d{4})$")
# Fixed lines have 10 digits starting 0 (not 00); mobile, IP and free-dial 11 or 10.
_PHONE_DIGITS = re.compile(r"^0[1-9]\d{8,9}$")
_PHONE_SHAPE = re.compile(r"^\d{2,5}-?\d{1,4}-?\d{3,4}$")


def fold_width(value: str) -> str:
    """Full-width digits and hyphens (０９０－...) to ASCII, as people type both."""
    value = unicodedata.normalize("NFKC", value or "").strip()
    return re.sub(r"[‐‑‒–—―−ー]", "-", value)


def normalise_postal_code(value: str) -> str:
    match = _POSTAL.match(fold_width(value).removeprefix("〒").strip())
    if not match:
        raise ValidationError(
            _("Enter a postal code of 7 digits, like 375-0024."), code="invalid_postal_code"
        )
    return f"{match.group(1)}-{match.group(2)}"


def validate_postal_code(value: str) -> None:
    normalise_postal_code(value)


def normalise_phone(value: str) -> str:
    folded = fold_width(value).replace(" ", "").replace("(", "-").replace(")", "-").strip("-")
    folded = re.sub("-+", "-", folded)
    digits = folded.replace("-", "")
    if not (_PHONE_SHAPE.match(folded) and _PHONE_DIGITS.match(digits)):
        raise ValidationError(
            _("Enter a Japanese phone number, like 0274-22-1211 or 090-1234-5678."),
            code="invalid_phone",
        )
    return folded


def validate_phone(value: str) -> None:
    normalise_phone(value)


def phone_digits(value: str) -> str:
    return re.sub(r"\D", "", fold_width(value))


def validate_kana(value: str) -> None:
    """Readings are written in kana (hiragana or katakana), spaces allowed."""
    folded = unicodedata.normalize("NFKC", value or "")
    if folded and not re.fullmatch(r"[\u3041-\u309F\u30A0-\u30FF\s　・ー]+", folded):
        raise ValidationError(_("Write the reading in kana."), code="invalid_kana")
