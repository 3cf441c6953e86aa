"""The suite served by several Odoo worker processes, over HTTP (JSON-RPC), as in production.

    workers_check.py --url http://127.0.0.1:PORT --db DB --log ODOO_LOG

Run by scripts/test against an Odoo started with --workers=2 on a database where the suite is
installed (admin / admin). It takes one repair through intake, the price approval and
'Repaired' with the users whose roles each step needs, and checks that every worker process
applies the same approval rules: both workers first read the rules (and cache them, they are
an `ormcache`), one worker replaces the rule, then reads served by the OTHER worker must see
the new rule at once (Odoo's cache invalidation signalling between workers). Which worker
served a request is read from Odoo's log (each request is tagged ?probe=...). Standard library
only. Exit code 0 when every check passed.
"""

import argparse
import concurrent.futures
import itertools
import json
import pathlib
import re
import sys
import time
import urllib.request

_counter = itertools.count()


class RpcError(Exception):
    pass


class Client:
    def __init__(self, url, db):
        self.url = url.rstrip("/")
        self.db = db

    def call(self, service, method, *args, probe=None):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": list(args)},
            "id": next(_counter),
        }
        url = f"{self.url}/jsonrpc" + (f"?probe={probe}" if probe else "")
        request = urllib.request.Request(
            url, json.dumps(payload).encode(), {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            answer = json.load(response)
        if answer.get("error"):
            data = answer["error"].get("data", {})
            raise RpcError(data.get("message") or answer["error"].get("message"))
        return answer["result"]

    def login(self, login, password):
        uid = self.call("common", "login", self.db, login, password)
        if not uid:
            raise RpcError(f"login {login} refused")
        return User(self, uid, password)


class User:
    def __init__(self, client, uid, password):
        self.client, self.uid, self.password = client, uid, password

    def __call__(self, model, method, *args, probe=None, **kwargs):
        return self.client.call(
            "object",
            "execute_kw",
            self.client.db,
            self.uid,
            self.password,
            model,
            method,
            list(args),
            kwargs,
            probe=probe,
        )


def xmlid(admin, module, name):
    rows = admin(
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        fields=["res_id"],
    )
    if not rows:
        raise RpcError(f"{module}.{name} not found")
    return rows[0]["res_id"]


def wait_until_up(client, seconds=90):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return client.call("common", "version")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def pids_by_probe(log_path):
    """{probe: pid} from the werkzeug lines of Odoo's log."""
    found = {}
    pattern = re.compile(r"^\S+ \S+ (\d+) INFO .*/jsonrpc\?probe=([\w-]+) ")
    for line in pathlib.Path(log_path).read_text(encoding="utf-8", errors="replace").splitlines():
        match = pattern.match(line)
        if match:
            found[match.group(2)] = int(match.group(1))
    return found


class Checks:
    def __init__(self):
        self.failed = 0

    def __call__(self, ok, what):
        print(("ok: " if ok else "FAILED: ") + what, flush=True)
        if not ok:
            self.failed += 1
        return ok


def concurrent_reads(user, repair_id, tag, n):
    """n reads of the repair's approval summary at once (so that both workers serve some)."""

    def read(i):
        probe = f"{tag}-{i}"
        rows = user("repair.order", "read", [repair_id], ["approval_summary"], probe=probe)
        return probe, rows[0]["approval_summary"] or ""

    with concurrent.futures.ThreadPoolExecutor(n) as pool:
        return dict(pool.map(read, range(n)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--log", required=True, help="Odoo's log file (to map requests)")
    parser.add_argument("--admin-password", default="admin")
    parser.add_argument("--reads", type=int, default=12)
    args = parser.parse_args()
    check = Checks()
    client = Client(args.url, args.db)
    wait_until_up(client)
    admin = client.login("admin", args.admin_password)
    suffix = str(int(time.time()))

    # --- users with the lowest roles each step needs ---
    group = {
        name: xmlid(admin, "aftersales_repair", f"aftersales_group_{name}")
        for name in ("user", "general_manager", "quality_inspector", "technician", "team_lead")
    }

    def new_user(role, groups):
        login = f"rpc_{role}_{suffix}"
        uid = admin(
            "res.users",
            "create",
            {
                "name": f"RPC {role.title()} {suffix}",
                "login": login,
                "password": login,
                "groups_id": [(6, 0, groups)],
            },
            context={"no_reset_password": True},
        )
        return uid, client.login(login, login)

    _fd_uid, frontdesk = new_user("frontdesk", [group["user"]])
    _rec_uid, recorder = new_user("recorder", [group["user"]])
    approver_uid, approver = new_user("approver", [group["general_manager"]])
    approver_name = f"RPC Approver {suffix}"
    _insp_uid, inspector = new_user("inspector", [group["quality_inspector"]])
    tech_uid, technician = new_user("technician", [group["technician"]])
    _lead_uid, team_lead = new_user("teamlead", [group["team_lead"]])

    # --- intake by the front desk ---
    partner = admin("res.partner", "create", {"name": f"RPC Customer {suffix}"})
    unit, part = (
        admin("product.product", "create", {"name": f"RPC {name} {suffix}", **vals})
        for name, vals in (
            ("Unit", {"type": "consu"}),
            ("Part", {"type": "consu", "list_price": 300.0}),
        )
    )
    repair_id = frontdesk(
        "repair.order",
        "create",
        {
            "partner_id": partner,
            "product_id": unit,
            "user_id": tech_uid,
            "move_ids": [
                (0, 0, {"repair_line_type": "add", "product_id": part, "product_uom_qty": 1.0})
            ],
        },
    )
    state = frontdesk("repair.order", "read", [repair_id], ["state", "approval_state"])[0]
    check(
        state["state"] == "draft" and state["approval_state"] == "to_request",
        f"intake over JSON-RPC: repair {repair_id} created by the front desk, "
        f"price approval {state['approval_state']}",
    )

    # --- every worker reads (and caches) the approval rules ---
    before = concurrent_reads(frontdesk, repair_id, "before", args.reads)
    # --- one worker adds a rule for the same amounts: a named approver ---
    admin(
        "aftersales.approval.rule",
        "create",
        {
            "name": f"RPC rule {suffix}",
            "document_type": "repair_price",
            "amount_from": 0,
            "amount_from_included": False,
            "amount_to": 1000,
            "amount_to_included": False,
            "step_ids": [(0, 0, {"reviewer_type": "user", "user_id": approver_uid})],
        },
        probe="rule-create",
    )
    after = concurrent_reads(frontdesk, repair_id, "after", args.reads)

    # --- which worker served what ---
    time.sleep(0.5)  # the log line of the last request
    pids = pids_by_probe(args.log)
    writer = pids.get("rule-create")
    before_pids = {pids.get(p) for p in before} - {None}
    after_pids = {pids.get(p) for p in after} - {None}
    check(
        len(before_pids) >= 2,
        f"both workers read the rules first (processes {sorted(before_pids)})",
    )
    stale = {p: s for p, s in after.items() if approver_name not in s}
    check(not stale, f"every read after the change sees the new rule ({len(after)} reads)")
    # a worker that had cached the rules before and did not make the change
    others = (after_pids & before_pids) - {writer}
    check(
        bool(others),
        f"a second worker (process {sorted(others)}; the rule was added by {writer}) "
        "sees the same approval rules",
    )
    if any(approver_name in s for s in before.values()):
        check(False, "reads before the change already saw the new rule")

    # --- price approval: requested by the front desk, approved by the named approver ---
    frontdesk("repair.order", "action_request_approval", [repair_id])
    for _turn in range(3):  # each rule's step, as long as it is the approver's turn
        state = approver("repair.order", "read", [repair_id], ["approval_can_review"])[0]
        if not state["approval_can_review"]:
            break
        approver("repair.order", "action_approve", [repair_id])
    state = frontdesk("repair.order", "read", [repair_id], ["approval_state"])[0]
    check(
        state["approval_state"] == "approved",
        "price approval requested by the front desk, approved by the approver of the new "
        f"rule: {state['approval_state']}",
    )

    # --- customer's acceptance (another member of staff), confirm, start, end, inspection ---
    state = frontdesk("repair.order", "read", [repair_id], ["customer_acceptance_state"])[0]
    if state["customer_acceptance_state"] == "pending":
        wizard = recorder(
            "aftersales.repair.acceptance.wizard",
            "create",
            {
                "repair_id": repair_id,
                "decision": "accepted",
                "accepted_by": f"RPC Customer {suffix}",
                "method": "phone",
            },
        )
        recorder("aftersales.repair.acceptance.wizard", "action_confirm", [wizard])
    frontdesk("repair.order", "action_validate", [repair_id])
    frontdesk("repair.order", "action_repair_start", [repair_id])
    moves = frontdesk("repair.order", "read", [repair_id], ["move_ids"])[0]["move_ids"]
    for move in frontdesk("stock.move", "read", moves, ["quantity", "product_uom_qty"]):
        if move["quantity"] < move["product_uom_qty"]:
            frontdesk(
                "stock.move",
                "write",
                [move["id"]],
                {"quantity": move["product_uom_qty"], "picked": True},
            )
    frontdesk("repair.order", "action_repair_end", [repair_id])
    state = frontdesk("repair.order", "read", [repair_id], ["state"])[0]["state"]
    if state == "inspection":
        # the technician's self-check, then a team lead's, then QC
        # (aftersales_repair/readme/CONFIGURE.md, "Self-check and team-lead check")
        technician("aftersales.repair.check", "create", {"repair_id": repair_id})
        team_lead(
            "aftersales.repair.check", "create", {"repair_id": repair_id, "check_type": "lead"}
        )
        inspector("repair.order", "action_inspection_pass", [repair_id])
    state = frontdesk("repair.order", "read", [repair_id], ["state"])[0]["state"]
    check(state == "done", f"repair confirmed, started, ended and inspected: state {state}")
    served = set(pids_by_probe(args.log).values())
    print(f"requests tagged: {len(pids)}, served by {len(served)} worker processes")
    return 1 if check.failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RpcError, OSError) as exc:
        print(f"FAILED: {exc}")
        sys.exit(1)
