"""The embedded mode's demonstration vendors: 45 UMKM across the five Jakarta cities.

Real kecamatan and kelurahan names; fake but well-formed legal ids, phone numbers and bank accounts,
derived from each business name so that every load produces the same data. Ids are fixed (uuid5 of
the name in a namespace shared with the catalog's demo data, which sells the products of the first
24) so that the gateway's demo accounts vendor1..vendor5 can bind to the first five verified vendors.
The vendors are registered and moved through their lifecycle by the same use cases the API calls, so
their events are published and the other services (the catalog) learn them the usual way.
"""
from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import structlog

from servicekit.actors import Actor

from vendors.application.registration import register_vendor
from vendors.application.status_changes import change_status
from vendors.domain.lifecycle import Action, Status, next_status
from vendors.domain.scale import Scale
from vendors.settings import admission_policy

if TYPE_CHECKING:
    from servicekit.service import ServiceRuntime

log = structlog.get_logger(__name__)

# Shared with the catalog's demo data, which seeds the first 24 of these vendors (by the same business
# names, so the same ids) with their products before the vendors' own events reach it.
DEMO_NAMESPACE = uuid.UUID("6f1c1a52-4b7e-4c59-9a8e-0d8c7c3e2b10")
DEMO_ACTOR = Actor.system("demo-data")
MILLION = 1_000_000

PUSAT, UTARA, BARAT, SELATAN, TIMUR = "Jakarta Pusat", "Jakarta Utara", "Jakarta Barat", "Jakarta Selatan", "Jakarta Timur"
# Kemendagri region codes, which open the owners' NIKs: city (4 digits) and kecamatan (2 more).
CITY_CODES = {SELATAN: "3171", TIMUR: "3172", PUSAT: "3173", BARAT: "3174", UTARA: "3175"}
KECAMATAN_CODES = {
    "Jagakarsa": "01", "Pasar Minggu": "02", "Cilandak": "03", "Pesanggrahan": "04", "Kebayoran Lama": "05",
    "Kebayoran Baru": "06", "Mampang Prapatan": "07", "Pancoran": "08", "Tebet": "09", "Setiabudi": "10",
    "Pasar Rebo": "01", "Ciracas": "02", "Cipayung": "03", "Makasar": "04", "Kramat Jati": "05",
    "Jatinegara": "06", "Duren Sawit": "07", "Cakung": "08", "Pulo Gadung": "09", "Matraman": "10",
    "Tanah Abang": "01", "Menteng": "02", "Senen": "03", "Johar Baru": "04", "Cempaka Putih": "05",
    "Kemayoran": "06", "Sawah Besar": "07", "Gambir": "08",
    "Kembangan": "01", "Kebon Jeruk": "02", "Palmerah": "03", "Grogol Petamburan": "04", "Tambora": "05",
    "Taman Sari": "06", "Cengkareng": "07", "Kalideres": "08",
    "Penjaringan": "01", "Pademangan": "02", "Tanjung Priok": "03", "Koja": "04", "Kelapa Gading": "05",
    "Cilincing": "06",
}  # fmt: skip
# Tax office (KPP) codes in the demo NPWPs, one per city.
TAX_OFFICE_CODES = {PUSAT: "071", UTARA: "044", BARAT: "033", SELATAN: "017", TIMUR: "004"}
# (name, clearing code, account number length)
BANKS = (("Bank DKI", "111", 11), ("BRI", "002", 15), ("Bank Mandiri", "008", 13), ("BNI", "009", 10), ("BCA", "014", 10))
MOBILE_PREFIXES = ("0812", "0813", "0821", "0852", "0857", "0877", "0895", "0856")


@dataclass(frozen=True)
class DemoVendor:
    name: str
    owner: str
    woman: bool
    city: str
    kecamatan: str
    kelurahan: str
    postal_code: str
    street: str
    categories: tuple[str, ...]
    scale: Scale = Scale.MICRO
    pkp: bool = False
    jakpreneur: bool = True

    @property
    def id(self) -> str:
        return str(uuid.uuid5(DEMO_NAMESPACE, self.name))


P, L = True, False  # perempuan / laki-laki: an NIK's birth day has 40 added for women
SMALL = Scale.SMALL
DEMO_VENDORS = (
    # The catalog's demo vendors, in its order.
    DemoVendor("Dapur Bu Sari", "Sari Wulandari", P, SELATAN, "Tebet", "Tebet Barat", "12810", "Jl. Tebet Barat Dalam Raya No. 21", ("meeting-food", "catering")),
    DemoVendor("Katering Berkah Mandiri", "Mohammad Ridwan", L, TIMUR, "Duren Sawit", "Pondok Bambu", "13430", "Jl. Pahlawan Revolusi No. 14", ("catering", "meeting-food"), SMALL, pkp=True),
    DemoVendor("Snack Box Mawar", "Mawar Susanti", P, SELATAN, "Kebayoran Baru", "Gandaria Utara", "12140", "Jl. Gandaria Tengah III No. 8", ("meeting-food",)),
    DemoVendor("Warung Nasi Kotak Pak Darto", "Sudarto", L, PUSAT, "Cempaka Putih", "Rawasari", "10570", "Jl. Rawasari Selatan No. 17", ("meeting-food",)),
    DemoVendor("Kue Basah Ibu Ratna", "Ratna Dewi", P, TIMUR, "Kramat Jati", "Batu Ampar", "13520", "Jl. Batu Ampar III No. 5", ("meeting-food", "souvenirs")),
    DemoVendor("Toko ATK Sinar Jaya", "Budi Santoso", L, PUSAT, "Tanah Abang", "Kebon Kacang", "10240", "Jl. Kebon Kacang Raya No. 14", ("office-supplies",), SMALL, pkp=True, jakpreneur=False),
    DemoVendor("CV Mitra Alat Tulis", "Hendra Gunawan", L, BARAT, "Grogol Petamburan", "Tomang", "11440", "Jl. Tomang Raya No. 33", ("office-supplies", "cleaning"), SMALL, pkp=True),
    DemoVendor("Percetakan Cahaya Grafika", "Andi Saputra", L, PUSAT, "Senen", "Kwitang", "10420", "Jl. Kwitang Raya No. 22", ("printing",), SMALL, pkp=True),
    DemoVendor("Digital Printing Kreasi Muda", "Rizky Pratama", L, SELATAN, "Cilandak", "Cipete Selatan", "12410", "Jl. RS Fatmawati No. 101", ("printing", "souvenirs")),
    DemoVendor("Sanggar Kriya Betawi", "Sarmili", L, SELATAN, "Jagakarsa", "Srengseng Sawah", "12640", "Jl. Moh. Kahfi II No. 13", ("souvenirs",)),
    DemoVendor("Bersih Jaya Cleaning Service", "Agus Salim", L, UTARA, "Koja", "Tugu Utara", "14260", "Jl. Plumpang Semper No. 30", ("cleaning",), SMALL),
    DemoVendor("Laundry Kilat Rawamangun", "Dewi Lestari", P, TIMUR, "Pulo Gadung", "Rawamangun", "13220", "Jl. Pemuda No. 12", ("cleaning",)),
    DemoVendor("Konveksi Batik Ananda", "Ananda Putri", P, BARAT, "Palmerah", "Kemanggisan", "11480", "Jl. Kemanggisan Ilir No. 15", ("tailoring",), SMALL),
    DemoVendor("Penjahit Seragam Pak Hadi", "Hadi Susanto", L, SELATAN, "Pasar Minggu", "Pejaten Timur", "12510", "Jl. Pejaten Raya No. 40", ("tailoring",)),
    DemoVendor("Teknik Jaya Servis AC", "Joko Susilo", L, UTARA, "Penjaringan", "Pluit", "14450", "Jl. Pluit Karang Ayu No. 7", ("small-repairs",)),
    DemoVendor("Bengkel Mebel Karya Kayu", "Slamet Riyadi", L, BARAT, "Cengkareng", "Kapuk", "11720", "Jl. Kapuk Raya No. 50", ("small-repairs",)),
    DemoVendor("Catering Sedap Malam", "Lina Marlina", P, PUSAT, "Menteng", "Gondangdia", "10350", "Jl. Cikini Raya No. 60", ("catering", "meeting-food"), SMALL, pkp=True),
    DemoVendor("Roti dan Kue Citra Rasa", "Lie Mei Hwa", P, UTARA, "Kelapa Gading", "Kelapa Gading Timur", "14240", "Jl. Boulevard Raya No. 88", ("meeting-food", "souvenirs")),
    DemoVendor("Nasi Box Mpok Atun", "Atun Suryani", P, SELATAN, "Setiabudi", "Karet Kuningan", "12940", "Jl. Karet Pedurenan No. 8", ("meeting-food",)),
    DemoVendor("Toko Kertas Makmur", "Yusuf Hidayat", L, UTARA, "Pademangan", "Ancol", "14430", "Jl. Lodan Raya No. 11", ("office-supplies",), SMALL, jakpreneur=False),
    DemoVendor("Percetakan Sumber Ilmu", "Heri Setiawan", L, PUSAT, "Kemayoran", "Kebon Kosong", "10630", "Jl. Kebon Kosong Raya No. 3", ("printing",)),
    DemoVendor("Sablon dan Konveksi Mandiri Jaya", "Wahyu Hidayat", L, TIMUR, "Matraman", "Utan Kayu Selatan", "13120", "Jl. Utan Kayu Raya No. 77", ("tailoring", "souvenirs")),
    DemoVendor("Servis Elektronik Karya Teknik", "Dedi Kurniawan", L, TIMUR, "Ciracas", "Kelapa Dua Wetan", "13730", "Jl. Raya Bogor Km. 24 No. 5", ("small-repairs",)),
    DemoVendor("Koperasi Kebersihan Sejahtera", "Hasan Basri", L, BARAT, "Kembangan", "Meruya Selatan", "11650", "Jl. Meruya Selatan No. 9", ("cleaning",), SMALL),
    # Vendors without products in the demo catalogue, among them every status but verified.
    DemoVendor("Katering Bu Sri", "Sri Wahyuni", P, PUSAT, "Senen", "Kramat", "10450", "Jl. Kramat Sentiong No. 21", ("catering", "meeting-food")),
    DemoVendor("Toko ATK Sinar Terang", "Bambang Wijaya", L, PUSAT, "Gambir", "Cideng", "10150", "Jl. Cideng Barat No. 45", ("office-supplies",)),
    DemoVendor("Kue Basah Mak Ijah", "Khadijah", P, PUSAT, "Johar Baru", "Tanah Tinggi", "10540", "Jl. Tanah Tinggi II No. 9", ("meeting-food",)),
    DemoVendor("Nasi Kotak Pesisir Bu Yati", "Suryati", P, UTARA, "Penjaringan", "Kamal Muara", "14470", "Jl. Kamal Muara Raya No. 5", ("catering", "meeting-food")),
    DemoVendor("Kerajinan Kerang Marunda", "Nurhayati", P, UTARA, "Cilincing", "Marunda", "14150", "Jl. Marunda Baru No. 5", ("souvenirs",)),
    DemoVendor("Bengkel Las Sumber Rejeki", "Suparman", L, UTARA, "Tanjung Priok", "Sunter Agung", "14350", "Jl. Sunter Muara No. 4", ("small-repairs",)),
    DemoVendor("Katering Betawi Mpok Nori", "Nori Handayani", P, BARAT, "Kebon Jeruk", "Kedoya Utara", "11520", "Jl. Kedoya Raya No. 33", ("catering", "meeting-food")),
    DemoVendor("Souvenir Ondel-Ondel Karya", "Ujang Sulaeman", L, BARAT, "Kembangan", "Srengseng", "11630", "Jl. Srengseng Raya No. 2", ("souvenirs",)),
    DemoVendor("Fotokopi dan Jilid Slipi", "Anton Wibowo", L, BARAT, "Palmerah", "Slipi", "11410", "Jl. Slipi Raya No. 40", ("printing", "office-supplies")),
    DemoVendor("Batik Grogol Asri", "Wulan Anggraini", P, BARAT, "Grogol Petamburan", "Tanjung Duren Utara", "11470", "Jl. Tanjung Duren Raya No. 71", ("tailoring", "souvenirs")),
    DemoVendor("Katering Cengkareng Barokah", "Siti Aminah", P, BARAT, "Cengkareng", "Rawa Buaya", "11740", "Jl. Rawa Buaya No. 50", ("catering",)),
    DemoVendor("Toko Kantor Mampang Lengkap", "Irawati", P, SELATAN, "Mampang Prapatan", "Tegal Parang", "12790", "Jl. Mampang Prapatan Raya No. 99", ("office-supplies",)),
    DemoVendor("Katering Sehat Pasar Minggu", "Rina Kartika", P, SELATAN, "Pasar Minggu", "Jati Padang", "12540", "Jl. Jati Padang Raya No. 24", ("catering",)),
    DemoVendor("Percetakan Kebayoran Digital", "Fajar Nugroho", L, SELATAN, "Kebayoran Baru", "Gandaria Utara", "12140", "Jl. Gandaria I No. 18", ("printing",), SMALL, pkp=True, jakpreneur=False),
    DemoVendor("Souvenir Kayu Duren Sawit", "Mulyadi", L, TIMUR, "Duren Sawit", "Pondok Kelapa", "13450", "Jl. Pondok Kelapa Raya No. 41", ("souvenirs",)),
    DemoVendor("Penjahit Kebaya Cibubur Ayu", "Kartini Rahayu", P, TIMUR, "Ciracas", "Cibubur", "13720", "Jl. Lapangan Tembak No. 5", ("tailoring",)),
    DemoVendor("Servis AC Tambora Dingin", "Eko Prasetyo", L, BARAT, "Tambora", "Jembatan Lima", "11250", "Jl. Jembatan Lima No. 27", ("small-repairs", "cleaning")),
    DemoVendor("Bengkel Kursi Cakung Kokoh", "Darmawan", L, TIMUR, "Cakung", "Pulo Gebang", "13950", "Jl. Pulo Gebang Permai No. 10", ("small-repairs",)),
    DemoVendor("Kue Tradisional Bintaro Manis", "Endang Setiawati", P, SELATAN, "Pesanggrahan", "Bintaro", "12330", "Jl. Bintaro Permai No. 3", ("meeting-food",)),
    DemoVendor("Laundry Cipayung Wangi", "Sumiati", P, TIMUR, "Cipayung", "Bambu Apus", "13890", "Jl. Bambu Apus Raya No. 28", ("cleaning",)),
    DemoVendor("Kerajinan Makasar Kreatif", "Siti Rohmah", P, TIMUR, "Makasar", "Pinang Ranti", "13560", "Jl. Pinang Ranti No. 7", ("souvenirs", "printing")),
)  # fmt: skip

History = tuple[tuple[Action, tuple[str, ...]], ...]
VERIFIED_HISTORY: History = ((Action.VERIFY, ()),)
# The vendors not listed here are verified.
HISTORIES: dict[str, History] = {
    "Kue Tradisional Bintaro Manis": (),
    "Laundry Cipayung Wangi": (),
    "Kerajinan Makasar Kreatif": (),
    "Bengkel Kursi Cakung Kokoh": (
        (
            Action.REJECT,
            (
                "Foto dokumen NIB tidak terbaca; unggah ulang dengan resolusi lebih tinggi",
                "Nama pemilik rekening berbeda dengan nama pemilik usaha",
            ),
        ),
    ),
    "Servis AC Tambora Dingin": (
        (Action.VERIFY, ()),
        (Action.SUSPEND, ("Tiga pesanan tidak dikirim tanpa pemberitahuan; menunggu klarifikasi",)),
    ),
}


def history_of(demo: DemoVendor) -> History:
    return HISTORIES.get(demo.name, VERIFIED_HISTORY)


def final_status(demo: DemoVendor) -> Status:
    status = Status.PENDING
    for action, _reasons in history_of(demo):
        status = next_status(status, action)
    return status


DEMO_VENDOR_IDS: list[str] = [demo.id for demo in DEMO_VENDORS if final_status(demo) is Status.VERIFIED][:5]
"""The first five verified demo vendors, for the gateway's demo accounts vendor1..vendor5."""


def _number(demo: DemoVendor, purpose: str, low: int, high: int) -> int:
    """A number in [low, high] that is always the same for this vendor and purpose."""
    digest = hashlib.sha256(f"{purpose}:{demo.name}".encode()).digest()
    return low + int.from_bytes(digest[:8], "big") % (high - low + 1)


def _digits(demo: DemoVendor, purpose: str, count: int) -> str:
    return str(_number(demo, purpose, 0, 10**count - 1)).zfill(count)


def _nik(demo: DemoVendor) -> str:
    day = _number(demo, "birth-day", 1, 28) + (40 if demo.woman else 0)
    month = _number(demo, "birth-month", 1, 12)
    year = _number(demo, "birth-year", 60, 99)
    serial = _number(demo, "nik-serial", 1, 999)
    return f"{CITY_CODES[demo.city]}{KECAMATAN_CODES[demo.kecamatan]}{day:02d}{month:02d}{year:02d}{serial:04d}"


def _npwp(demo: DemoVendor, index: int) -> str:
    """Every third owner files under the 16-digit NPWP that is its NIK; the others have a 15-digit NPWP,
    written the usual way (the service stores the digits)."""
    if index % 3 == 2:
        return _nik(demo)
    d = _digits(demo, "npwp", 8)
    return f"0{_number(demo, 'npwp-kind', 1, 9)}.{d[:3]}.{d[3:6]}.{d[6]}-{TAX_OFFICE_CODES[demo.city]}.000"


def _figures(demo: DemoVendor) -> tuple[int, int]:
    """Capital and annual sales in rupiah inside the vendor's PP 7/2021 class; VAT-registered (PKP)
    vendors sell more than the 4.8 billion a year that obliges registration."""
    if demo.scale is Scale.SMALL:
        sales = _number(demo, "sales", 4900, 14000) if demo.pkp else _number(demo, "sales", 2100, 4700)
        return _number(demo, "capital", 1200, 4500) * MILLION, sales * MILLION
    return _number(demo, "capital", 5, 180) * 5 * MILLION, _number(demo, "sales", 60, 1900) * MILLION


def _phone(demo: DemoVendor) -> str:
    prefix = MOBILE_PREFIXES[_number(demo, "phone-prefix", 0, len(MOBILE_PREFIXES) - 1)]
    return f"{prefix}-{_digits(demo, 'phone', 4)}-{_digits(demo, 'phone-end', 4)}"


def application_of(demo: DemoVendor, index: int) -> dict[str, Any]:
    """The registration body the UMKM would send."""
    bank_name, bank_code, account_length = BANKS[_number(demo, "bank", 0, len(BANKS) - 1)]
    capital, annual_sales = _figures(demo)
    return {
        "name": demo.name,
        "nib": "9120" + _digits(demo, "nib", 9),
        "npwp": _npwp(demo, index),
        "owner_nik": _nik(demo),
        "address": {
            "street": demo.street,
            "kelurahan": demo.kelurahan,
            "kecamatan": demo.kecamatan,
            "city": demo.city,
            "postal_code": demo.postal_code,
        },
        "contact": {
            "person_name": demo.owner,
            "phone": _phone(demo),
            "email": re.sub(r"[^a-z0-9]+", ".", demo.name.lower()).strip(".") + "@umkm.example",
        },
        "bank_account": {
            "bank_name": bank_name,
            "bank_code": bank_code,
            "account_number": _digits(demo, "account", account_length),
            "holder_name": demo.owner,
        },
        "pkp": demo.pkp,
        "capital": capital,
        "annual_sales": annual_sales,
        "categories": list(demo.categories),
        "jakpreneur": demo.jakpreneur,
    }


def load_demo_data(runtime: "ServiceRuntime") -> None:
    """Register the demo vendors and move them to their statuses in one transaction; nothing if any vendor exists."""
    policy = admission_policy(runtime.settings)
    with runtime.uow.transaction() as demo_set:
        if demo_set.vendors.any_exist():
            return
        for index, demo in enumerate(DEMO_VENDORS):
            register_vendor(runtime.uow, application_of(demo, index), actor=DEMO_ACTOR, policy=policy, vendor_id=demo.id)
            for action, reasons in history_of(demo):
                change_status(runtime.uow, demo.id, action, reasons, actor=DEMO_ACTOR)
        demo_set.commit()
    log.info("demo vendors loaded", count=len(DEMO_VENDORS))
