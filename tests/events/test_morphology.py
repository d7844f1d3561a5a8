import pytest

from warta.events.morphology import expand, men_prefix, strip_particle


@pytest.mark.parametrize(
    ("root", "active"),
    [
        ("bantah", "membantah"),  # b -> mem-
        ("pukul", "memukul"),  # p dropped
        ("protes", "memprotes"),  # cluster keeps p
        ("dukung", "mendukung"),
        ("tolak", "menolak"),  # t dropped
        ("gelar", "menggelar"),
        ("ancam", "mengancam"),
        ("kirim", "mengirim"),  # k dropped
        ("kritik", "mengkritik"),  # cluster keeps k
        ("serang", "menyerang"),  # s -> ny
        ("larang", "melarang"),
        ("minta", "meminta"),
    ],
)
def test_morphology_men_prefix_assimilates(root, active):
    assert men_prefix(root) == active


@pytest.mark.parametrize(
    ("pattern", "forms"),
    [
        ("men|di+kirim+|kan", ["mengirim", "mengirimkan", "dikirim", "dikirimkan"]),
        ("men|di+tanda+tangani", ["menandatangani", "ditandatangani"]),
        ("men|di+jatuh+kan sanksi", ["menjatuhkan sanksi", "dijatuhkan sanksi"]),
        ("ber+temu", ["bertemu"]),
        ("kunjungan", ["kunjungan"]),
        ("visit+|s|ed|ing", ["visit", "visits", "visited", "visiting"]),
        ("impose+|s|d sanctions", ["impose sanctions", "imposes sanctions", "imposed sanctions"]),
        # reciprocal reduplication: "tembak-menembak" (exchange of fire), "serang-menyerang" (mutual attacks)
        ("rdp+tembak", ["tembak-menembak"]),
        ("rdp+serang", ["serang-menyerang"]),
    ],
)
def test_morphology_expand_patterns(pattern, forms):
    assert expand(pattern) == forms


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("dukungannya", "dukungan"),  # -nya: its support
        ("menyerangnya", "menyerang"),  # attacked it
        ("merekalah", "mereka"),  # -lah: emphasis
        ("bantahkah", "bantah"),  # -kah: question
        ("tanya", "tanya"),  # a word in the vocabulary stays whole
        ("perundingannyapun", "perundingannyapun"),  # only one particle is stripped
    ],
)
def test_morphology_strip_particle(word, expected):
    vocabulary = {"dukungan", "menyerang", "mereka", "bantah", "tanya", "perundingan"}
    assert strip_particle(word, vocabulary) == expected
