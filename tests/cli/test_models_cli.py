"""``warta models list|evaluate|train`` and the install-only-if-better rule behind ``train``."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from warta.cli.main import app
from warta.evaluation.models import install_if_better, overall_score
from warta.models import MODELS_DIR
from warta.training import package

runner = CliRunner()


def test_list_reports_the_shipped_pipelines_with_their_licence():
    result = runner.invoke(app, ["models", "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["lang"]: row for row in json.loads(result.output)}
    assert rows["id"]["installed"] and "ner" in rows["id"]["pipeline"]
    assert rows["id"]["license"] == "CC BY-SA 4.0"
    assert any("GSD" in source["name"] for source in rows["id"]["sources"])
    assert 0 < rows["id"]["size_mb"] <= 50


def test_list_marks_a_missing_pipeline(tmp_path):
    result = runner.invoke(app, ["models", "list", "--models", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0
    assert not any(row["installed"] for row in json.loads(result.output))


def test_evaluate_scores_a_slice_of_a_test_set(shared):
    result = runner.invoke(
        app, ["models", "evaluate", "id", "--test", "gsd-legacy-test", "--limit", "5", "--format", "json",
              "--data", str(shared / "datasets")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)["id"]["tests"]["gsd-legacy-test"]
    assert 50 < scores["upos"] <= 100 and 30 < scores["las"] <= 100
    assert scores["words"] > 0


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["models", "evaluate", "xx"], 2, "unknown language"),
        (["models", "evaluate", "id", "--format", "csv"], 2, "--format"),
        (["models", "train", "fr"], 2, "unknown language"),
        (["models", "evaluate", "id", "--data", "/nonexistent/datasets"], 1, "W210"),
    ],
)
def test_bad_arguments_are_reported_with_exit_codes(args, code, message):
    result = runner.invoke(app, args)
    assert result.exit_code == code
    assert message in result.output


def _evaluation(ner: float, las: float) -> dict:
    tests = {"ner-test": {"ents_f": ner}, "ud-test": {"upos": 90.0, "las": las, "words_per_second": 9}}
    return {"model": "m", "size_mb": 1.0, "tests": tests}


def test_overall_score_averages_every_metric_once_and_ignores_speed():
    assert overall_score(_evaluation(80.0, 70.0)) == pytest.approx((80 + 90 + 70) / 3)


@pytest.fixture
def fake_scores(monkeypatch):
    """Evaluation replaced by fixed scores per folder name, so the decision logic is tested without data."""
    scores: dict[str, dict] = {}
    monkeypatch.setattr("warta.evaluation.models.evaluate_model", lambda path, **_: scores[path.parent.name])
    return scores


def _pipeline(folder):
    # a copy of the shipped meta is enough: install_if_better copies folders, it never loads them here
    folder.mkdir(parents=True)
    shutil.copy(MODELS_DIR / "id_warta" / "meta.json", folder / "meta.json")
    return folder


def test_a_better_candidate_replaces_the_shipped_pipeline(tmp_path, fake_scores):
    candidate = _pipeline(tmp_path / "work" / "id_warta")
    (candidate / "marker").write_text("new")
    _pipeline(tmp_path / "models" / "id_warta")
    fake_scores.update(work=_evaluation(85.0, 75.0), models=_evaluation(84.0, 75.0))
    decision = install_if_better(candidate, "id", data=tmp_path, models=tmp_path / "models")
    assert decision.installed and decision.candidate_score > decision.shipped_score
    installed = tmp_path / "models" / "id_warta"
    assert (installed / "marker").read_text() == "new"
    assert json.loads((installed / "meta.json").read_text())["warta_evaluation"]["ner-test"]["ents_f"] == 85.0


def test_a_worse_candidate_is_not_installed_unless_forced(tmp_path, fake_scores):
    candidate = _pipeline(tmp_path / "work" / "id_warta")
    (candidate / "marker").write_text("new")
    _pipeline(tmp_path / "models" / "id_warta")
    fake_scores.update(work=_evaluation(80.0, 75.0), models=_evaluation(84.0, 75.0))
    kept = install_if_better(candidate, "id", data=tmp_path, models=tmp_path / "models")
    assert not kept.installed and not (tmp_path / "models" / "id_warta" / "marker").exists()
    forced = install_if_better(candidate, "id", data=tmp_path, models=tmp_path / "models", force=True)
    assert forced.installed and (tmp_path / "models" / "id_warta" / "marker").exists()


def test_train_runs_the_recipe_steps_in_order_and_resumes_with_more_rounds(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr("warta.training.package.pretrain_tok2vec", lambda **kw: calls.append(("pretrain", kw))
                        or tmp_path / "w.bin")  # fmt: skip
    monkeypatch.setattr(
        "warta.training.package.train_model", lambda lang, **kw: calls.append((kw["component"], kw))
    )
    monkeypatch.setattr(
        "warta.training.package.assemble_language", lambda lang, work: (_FakeNlp(), {"name": "id_warta"})
    )
    monkeypatch.setattr("warta.training.package.save_model", lambda nlp, out, meta: 1.0)
    monkeypatch.setattr("warta.training.package.write_readme", lambda folder, meta: folder)
    candidate = package.train_language("id", data=tmp_path, work=tmp_path / "work", rounds=9)
    assert candidate == tmp_path / "work" / "id_warta"
    assert [name for name, _ in calls] == ["pretrain", "ner", "syntax"]
    assert all(kw["rounds"] == 9 and kw["init_tok2vec"] == tmp_path / "w.bin" for name, kw in calls[1:])


class _FakeNlp:
    meta: dict = {}
