#!/usr/bin/env python3
"""Writes test/fixtures/quantlib/crosscheck.json: QuantLib's figures for two fixed-coupon
amortizing bonds, compared with ours by test/analytics/quantlib-crosscheck.test.ts.

Regenerate (Debian's bindings, not a pip/pyenv python):
    apt-get update && apt-get install -y quantlib-python   # Debian 12 name (QuantLib 1.29);
                                                           # `apt-cache search quantlib` if it differs
    /usr/bin/python3 test/quantlib/make_fixture.py

QuantLib does the independent parts: dates and 30/360 year fractions, the level-payment
(sinking-fund) amortization of case 1, coupon amounts and accrued interest from accrual
periods whose payment date is delayed (case 2), the yield solve (Compounded, Semiannual,
Thirty360: P_dirty = sum CF_k (1 + y/2)^(-2 t_k), the SF bond-equivalent yield), Macaulay and
modified duration, and prices from a yield. The average life is computed here from QuantLib's
redemption flows and QuantLib's year fractions (QuantLib has no WAL function for bonds).
"""

import json
import os
import sys

import QuantLib as ql

DAY_COUNT = ql.Thirty360(ql.Thirty360.BondBasis)
CALENDAR = ql.NullCalendar()
ACCURACY = 1e-14  # yield accuracy requested from QuantLib's solver (decimal)


def iso(d):
    return f"{d.year():04d}-{d.month():02d}-{d.dayOfMonth():02d}"


def smm_from_cpr(cpr_pct):
    return 1 - (1 - cpr_pct / 100) ** (1 / 12)


def analyse(name, description, bond, settle, coupon_pct, clean_price, yield_for_price_pct, inputs):
    """QuantLib's figures for `bond` settled on `settle`."""
    ql.Settings.instance().evaluationDate = settle
    accrued = bond.accruedAmount(settle)
    dirty = clean_price + accrued
    y = ql.BondFunctions.bondYield(bond, clean_price, DAY_COUNT, ql.Compounded, ql.Semiannual, settle, ACCURACY, 1000)
    rate = ql.InterestRate(y, DAY_COUNT, ql.Compounded, ql.Semiannual)
    macaulay = ql.BondFunctions.duration(bond, rate, ql.Duration.Macaulay, settle)
    modified = ql.BondFunctions.duration(bond, rate, ql.Duration.Modified, settle)

    y_in = yield_for_price_pct / 100
    rate_in = ql.InterestRate(y_in, DAY_COUNT, ql.Compounded, ql.Semiannual)
    clean_at_yield = ql.BondFunctions.cleanPrice(bond, rate_in, settle)
    modified_at_yield = ql.BondFunctions.duration(bond, rate_in, ql.Duration.Modified, settle)

    # Per-date flows after settlement, split into interest and principal, per 100 of the notional at settlement.
    notional = bond.notional(settle)
    flows = {}
    for cf in bond.cashflows():
        if cf.hasOccurred(settle):
            continue
        d = cf.date()
        entry = flows.setdefault(d.serialNumber(), {"date": iso(d), "t": DAY_COUNT.yearFraction(settle, d), "interest": 0.0, "principal": 0.0})
        if ql.as_coupon(cf) is not None:
            entry["interest"] += cf.amount() * 100 / notional
        else:
            entry["principal"] += cf.amount() * 100 / notional
    rows = [flows[k] for k in sorted(flows)]
    wal = sum(r["t"] * r["principal"] for r in rows) / sum(r["principal"] for r in rows)
    columns = {key: [r[key] for r in rows] for key in ("date", "t", "interest", "principal")}

    return {
        "name": name,
        "description": description,
        "inputs": inputs,
        "settlement": iso(settle),
        "couponPct": coupon_pct,
        "accruedDays": DAY_COUNT.dayCount(dated_date(inputs), settle),
        "accrued": accrued,
        "cleanPrice": clean_price,
        "dirtyPrice": dirty,
        "yieldPct": y * 100,
        "macaulayYears": macaulay,
        "modifiedYears": modified,
        "walYears": wal,
        "priceAtYield": {
            "yieldPct": yield_for_price_pct,
            "cleanPrice": clean_at_yield,
            "dirtyPrice": clean_at_yield + accrued,
            "modifiedYears": modified_at_yield,
        },
        "flows": columns,
    }


def dated_date(inputs):
    y, m, d = (int(x) for x in inputs["datedDate"].split("-"))
    return ql.Date(d, m, y)


def sinking_bond_case():
    """Case 1: QuantLib's own level-payment amortizing bond (no prepayment, no delay)."""
    start = ql.Date(1, ql.April, 2004)
    settle = ql.Date(30, ql.April, 2004)
    bond = ql.AmortizingFixedRateBond(0, CALENDAR, 100.0, start, ql.Period(30, ql.Years), ql.Monthly, 0.055, DAY_COUNT, ql.Unadjusted, start)
    inputs = {"kind": "levelPay", "datedDate": "2004-04-01", "couponPct": 5.5, "termMonths": 360, "cprPct": 0, "delayDays": 0, "firstPayDate": "2004-05-01"}
    return analyse(
        "sinking-fund 5.5% 30y, no delay",
        "ql.AmortizingFixedRateBond(sinking, Monthly, 5.5%, 30Y, Thirty360 BondBasis) dated 2004-04-01, settled 2004-04-30 at 98.5 clean",
        bond, settle, 5.5, 98.5, 6.0, inputs,
    )


def pass_through_case(clean_price):
    """Case 2: the conventions.md section 6 pool: 5.5% 30y level pay at 24% CPR, 24-day delay.

    Balances come from the SF loop (scheduled principal, then SMM on the balance after it);
    QuantLib gets one FixedRateCoupon per month (accrual 1st to 1st, paid on the 25th) whose
    nominal is that balance, and derives the principal (redemption) flows from the drop in
    nominal, paid on the coupon's payment date.
    """
    dated = ql.Date(1, ql.April, 2004)
    settle = ql.Date(30, ql.April, 2004)
    r = 5.5 / 1200
    smm = smm_from_cpr(24)
    balance = 100.0
    leg = []
    for k in range(1, 361):
        remaining = 361 - k
        scheduled = balance * r / (1 - (1 + r) ** (-remaining)) - balance * r
        prepaid = smm * (balance - scheduled)
        start = dated + ql.Period(k - 1, ql.Months)
        end = dated + ql.Period(k, ql.Months)
        pay = end + 24  # 24 days of delay: paid on the 25th
        leg.append(ql.FixedRateCoupon(pay, balance, 0.055, DAY_COUNT, start, end))
        balance -= scheduled + prepaid
    bond = ql.Bond(0, CALENDAR, dated, leg)
    inputs = {"kind": "passThrough", "datedDate": "2004-04-01", "couponPct": 5.5, "termMonths": 360, "cprPct": 24, "delayDays": 24, "firstPayDate": "2004-05-25"}
    return analyse(
        f"5.5% pass-through, 24% CPR, 24-day delay, clean {clean_price}",
        "ql.Bond from FixedRateCoupons (accrual 1st-1st, paid the 25th) on SF-loop balances; conventions.md section 6 check",
        bond, settle, 5.5, clean_price, 5.0, inputs,
    )


def main():
    cases = [sinking_bond_case(), pass_through_case(100.0), pass_through_case(101.5)]
    out = {
        "generator": "test/quantlib/make_fixture.py",
        "quantlib": ql.__version__,
        "conventions": "Thirty360 BondBasis year fractions from settlement; Compounded Semiannual yield (CBE); prices per 100 of notional at settlement",
        "cases": cases,
    }
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "fixtures", "quantlib", "crosscheck.json")
    # Indented metadata, one line per flow column (a 360-element array per line).
    text = json.dumps(out, indent=1)
    for case in cases:
        for key, values in case["flows"].items():
            text = text.replace(json.dumps(values, indent=1).replace("\n", "\n    "), json.dumps(values), 1)
    with open(path, "w") as f:
        f.write(text + "\n")
    for c in cases:
        print(f"{c['name']}: yield {c['yieldPct']:.9f}%  mac {c['macaulayYears']:.9f}  mod {c['modifiedYears']:.9f}  wal {c['walYears']:.9f}  accrued {c['accrued']:.9f}", file=sys.stderr)


if __name__ == "__main__":
    main()
