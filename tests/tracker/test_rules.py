"""Every validation rule of the services: the field it names, its Chinese message, and that a
refused write leaves no row and no audit event behind (the ``refused`` fixture checks both)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.records import AgreementRecord, PairingRecord, RegionRecord


def fund(pairing: PairingRecord, **extra: Any) -> dict[str, Any]:
    values = dict(
        pairing_id=pairing.id,
        budget_year=2017,
        kind="fiscal",
        amount_fen="300万",
        purpose="财政帮扶资金第1批",
        allocated_on="2017-03-01",
    )
    return {**values, **extra}


def agreement(ledger: Ledger, pairing: PairingRecord, **extra: Any) -> AgreementRecord:
    values = dict(
        pairing_id=pairing.id, title="就业服务和职业培训合作协议书", category="employment_training"
    )
    values.update(status="signed", signed_on=date(2017, 8, 18))
    return ledger.agreements.create(**{**values, **extra})


def region(ledger: Ledger, name: str, **extra: Any) -> RegionRecord:
    return ledger.regions.create(name=name, province="河北省", level="county", **extra)


def other_pairing(ledger: Ledger) -> PairingRecord:
    helper, assisted = region(ledger, "三河市", code="131082"), region(ledger, "阳原县")
    return ledger.pairings.create(
        helper_id=helper.id, assisted_id=assisted.id, programme="in_province", start_year=2017
    )


# --- required fields, regions ------------------------------------------------------------
def test_required_fields_may_not_be_empty(ledger, pairing, refused):
    with refused(ledger.regions, "name", "「名称」不能为空"):
        ledger.regions.create(name="  ", level="county")
    with refused(ledger.funds, "purpose", "「用途/项目」不能为空"):
        ledger.funds.create(**fund(pairing, purpose=""))
    with refused(ledger.cadres, "start_on", "「开始日期」不能为空"):
        ledger.cadres.create(
            pairing_id=pairing.id, person_name="王伟", direction="to_assisted", category="party_gov"
        )


@pytest.mark.parametrize("code", ["13072", "13072a", "１３０７２４"])
def test_region_code_must_be_six_ascii_digits(ledger, refused, code):
    with refused(ledger.regions, "code", "应为 6 位数字"):
        region(ledger, "阳原县", code=code)


def test_region_code_is_unique(ledger, pairing, refused):
    with refused(ledger.regions, "code", "已被「康保县」使用"):
        region(ledger, "康保县（重复）", code="130723")


# --- pairings ----------------------------------------------------------------------------
def test_pairing_rules(ledger, pairing, refused):
    with refused(ledger.pairings, "assisted_id", "不能是同一个地区"):
        ledger.pairings.create(
            helper_id=pairing.helper_id,
            assisted_id=pairing.helper_id,
            programme="other",
            start_year=2017,
        )
    with refused(ledger.pairings, "end_year", "结束年度 2016 早于起始年度 2017"):
        ledger.pairings.update(pairing.id, end_year=2016)
    same = dict(helper_id=pairing.helper_id, assisted_id=pairing.assisted_id)
    with refused(ledger.pairings, "assisted_id", "结对关系已存在"):
        ledger.pairings.create(**same, programme="in_province", start_year=2018)
    ledger.pairings.delete(pairing.id)
    with refused(ledger.pairings, "assisted_id", "已存在（已删除，可恢复）"):
        ledger.pairings.create(**same, programme="in_province", start_year=2018)
    # another programme between the same two regions is a different pairing
    assert ledger.pairings.create(**same, programme="east_west", start_year=2018).id


# --- agreements --------------------------------------------------------------------------
def test_agreement_signed_on_matches_status(ledger, pairing, refused):
    with refused(ledger.agreements, "signed_on", "必须填写签订日期"):
        agreement(ledger, pairing, signed_on=None)
    with refused(ledger.agreements, "signed_on", "合作意向尚未签约"):
        agreement(ledger, pairing, status="intent")
    with refused(ledger.agreements, "end_on", "结束日期（2017-01-01）早于开始日期（2017-09-01）"):
        agreement(ledger, pairing, start_on="2017-09-01", end_on="2017-01-01")


def test_agreement_status_only_moves_forward(ledger, pairing, refused):
    intent = agreement(ledger, pairing, status="intent", signed_on=None)
    signed = ledger.agreements.update(intent.id, status="signed", signed_on="2017-08-18")
    assert ledger.agreements.update(signed.id, status="in_progress").status == "in_progress"
    with refused(ledger.agreements, "status", "不能从「执行中」改回「已签约」"):
        ledger.agreements.update(signed.id, status="signed")
    with refused(ledger.agreements, "status", "不能从「执行中」改回「意向」"):
        ledger.agreements.update(signed.id, status="intent", signed_on=None)
    assert ledger.agreements.update(signed.id, status="completed").status == "completed"
    for status in ("terminated", "in_progress"):
        with refused(ledger.agreements, "status", "协议已「已完成」，状态不能再改"):
            ledger.agreements.update(signed.id, status=status)


def test_agreement_signed_back_to_intent_refused_and_terminated_is_final(ledger, pairing, refused):
    signed = agreement(ledger, pairing)
    with refused(ledger.agreements, "status", "不能从「已签约」改回「意向」"):
        ledger.agreements.update(signed.id, status="intent", signed_on=None)
    assert ledger.agreements.update(signed.id, status="terminated").status == "terminated"
    with refused(ledger.agreements, "status", "协议已「终止」，状态不能再改"):
        ledger.agreements.update(signed.id, status="in_progress")


# --- targets -----------------------------------------------------------------------------
def test_target_rules(ledger, pairing, refused):
    base = dict(pairing_id=pairing.id, year=2017, indicator="trained", value=100)
    ledger.targets.create(**base)
    with refused(ledger.targets, "indicator", "2017 年的「完成培训」目标已存在"):
        ledger.targets.create(**{**base, "value": 200})
    with refused(ledger.targets, "year", "2021 年不在该结对关系的起止年度（2017–2020）内"):
        ledger.targets.create(**{**base, "year": 2021})
    with refused(ledger.targets, "year", "2016 年不在"):
        ledger.targets.create(**{**base, "year": 2016})
    with refused(ledger.targets, "indicator", "「指标」只能是"):
        ledger.targets.create(**{**base, "indicator": "jobs", "year": 2018})
    foreign = agreement(ledger, other_pairing(ledger))
    with refused(ledger.targets, "agreement_id", "来源协议不属于这个结对关系"):
        ledger.targets.create(**{**base, "year": 2018, "agreement_id": foreign.id})


def test_money_target_typed_in_wan_is_stored_in_fen(ledger, pairing):
    target = ledger.targets.create(
        pairing_id=pairing.id, year=2017, indicator="fiscal_funds", value="2400万"
    )
    assert target.value == 2_400_000_000


# --- fund transfers ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("amount", "fragment"),
    [
        (0, "必须大于 0"),
        (-5, "不能为负数"),
        ("-5万", "不能为负数"),
        ("abc", "无法识别的金额"),
        ("1.234元", "最多精确到分"),
        (12.5, "不接受浮点数"),
    ],
)
def test_fund_amount_must_be_a_positive_whole_number_of_fen(
    ledger, pairing, refused, amount, fragment
):
    with refused(ledger.funds, "amount_fen", fragment):
        ledger.funds.create(**fund(pairing, amount_fen=amount))


def test_fund_dates_and_agreement(ledger, pairing, refused):
    with refused(ledger.funds, "arrived_on", "到位日期（2017-02-01）早于拨付日期（2017-03-01）"):
        ledger.funds.create(**fund(pairing, arrived_on="2017-02-01"))
    foreign = agreement(ledger, other_pairing(ledger))
    with refused(ledger.funds, "agreement_id", "所属协议不属于这个结对关系"):
        ledger.funds.create(**fund(pairing, agreement_id=foreign.id))
    own = agreement(ledger, pairing)
    assert ledger.funds.create(**fund(pairing, agreement_id=own.id)).agreement_id == own.id


# --- cadres and training -----------------------------------------------------------------
def test_cadre_dates(ledger, pairing, refused):
    person = dict(
        pairing_id=pairing.id,
        person_name="王伟",
        direction="to_assisted",
        category="party_gov",
        start_on="2017-03-01",
    )
    with refused(ledger.cadres, "end_on", "计划结束日期（2017-01-01）早于开始日期（2017-03-01）"):
        ledger.cadres.create(**person, end_on="2017-01-01")
    with refused(ledger.cadres, "returned_on", "实际返回日期（2017-02-28）早于开始日期"):
        ledger.cadres.create(**person, returned_on="2017-02-28")


def test_training_counts_and_dates(ledger, pairing, refused):
    course = dict(
        pairing_id=pairing.id, title="职业技能培训", category="vocational", start_on="2017-05-08"
    )
    with refused(ledger.trainings, "completed", "结业人数（31）不能多于报名人数（30）"):
        ledger.trainings.create(**course, enrolled=30, completed=31)
    with refused(ledger.trainings, "quota", "「名额」不能为负数"):
        ledger.trainings.create(**course, quota=-1)
    with refused(ledger.trainings, "end_on", "结业日期（2017-05-01）早于开班日期（2017-05-08）"):
        ledger.trainings.create(**course, end_on="2017-05-01")
    made = ledger.trainings.create(**course, quota=300, enrolled=286, completed=271)
    with refused(ledger.trainings, "completed", "不能多于报名人数"):
        ledger.trainings.update(made.id, enrolled=200)


# --- references and deletion -------------------------------------------------------------
def test_reference_to_deleted_pairing_refused(ledger, pairing, refused):
    ledger.pairings.delete(pairing.id)
    with refused(ledger.funds, "pairing_id", "指向的记录已删除，请先恢复它"):
        ledger.funds.create(**fund(pairing))
    with refused(ledger.funds, "pairing_id", "指向的记录不存在"):
        ledger.funds.create(**fund(pairing, pairing_id="no-such-id"))


def test_delete_refused_while_live_children_remain(ledger, pairing, refused):
    made = ledger.funds.create(**fund(pairing))
    with refused(ledger.pairings, None, "该结对关系下还有 1 条帮扶资金记录"):
        ledger.pairings.delete(pairing.id)
    with refused(ledger.regions, None, "该地区下还有 1 条结对关系（帮扶方）"):
        ledger.regions.delete(pairing.helper_id)
    # once the children are deleted (soft), the parent may go too
    ledger.funds.delete(made.id)
    assert ledger.pairings.delete(pairing.id).deleted


def test_restore_refused_while_pairing_is_deleted(ledger, pairing, refused):
    made = ledger.funds.create(**fund(pairing))
    ledger.funds.delete(made.id)
    ledger.pairings.delete(pairing.id)
    with refused(ledger.funds, "pairing_id", "已删除，请先恢复它"):
        ledger.funds.restore(made.id)
    ledger.pairings.restore(pairing.id)
    assert not ledger.funds.restore(made.id).deleted
