# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from .portal import _preferred_time, _uploaded_photos

MAX_FIELD = 200


class AftersalesUnitPublicPage(http.Controller):
    """The page a QR code on a warranty card or a nameplate opens: the unit's model, serial
    and warranty status per part, and a form to report a fault or a complaint. The token is
    bound to the serial and compared in constant time; without it nothing is shown."""

    def _visitor_lang(self):
        """The visitor's language: ?lang=, the logged-in user's, else the browser's best
        installed match."""
        installed = dict(request.env["res.lang"].get_installed())
        wanted = request.params.get("lang")
        if wanted in installed:
            return wanted
        if not request.env.user._is_public() and request.env.user.lang in installed:
            return request.env.user.lang
        for accepted, _quality in request.httprequest.accept_languages:
            code = accepted.replace("-", "_")
            if code in installed:
                return code
            prefix = code.split("_")[0]
            for lang in installed:
                if lang.split("_")[0] == prefix:
                    return lang
        return request.env.lang or "en_US"

    def _get_unit(self, lot_id, token):
        """The lot and its running warranty when the token is valid, else (None, None).

        The token check comes first; only then is anything read (with sudo: visitors have
        no access right)."""
        lot = request.env["stock.lot"].sudo().browse(lot_id).exists()
        if not lot or not lot._aftersales_check_unit_token(token):
            return None, None
        warranty = lot.warranty_id or lot.warranty_ids[:1]
        return lot, warranty

    def _render(self, template, values, status=200):
        request.update_context(lang=self._visitor_lang())
        return request.render(template, values, status=status)

    def _invalid(self):
        return self._render("aftersales_portal.unit_public_invalid", {}, status=404)

    @http.route(
        "/unit/<int:lot_id>/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        website=False,
        sitemap=False,
    )
    def unit_page(self, lot_id, token, **kw):
        lot, warranty = self._get_unit(lot_id, token)
        if not lot:
            return self._invalid()
        return self._render(
            "aftersales_portal.unit_public_page",
            {
                "lot": lot,
                "warranty": warranty,
                "lines": warranty._aftersales_portal_lines() if warranty else [],
                "token": token,
                "post": {},
                "error": None,
            },
        )

    @http.route(
        "/unit/<int:lot_id>/<string:token>/report",
        type="http",
        auth="public",
        methods=["POST"],
        website=False,
        sitemap=False,
    )
    def unit_report(self, lot_id, token, **post):
        lot, warranty = self._get_unit(lot_id, token)
        if not lot:
            return self._invalid()
        name = (post.get("name") or "").strip()[:MAX_FIELD]
        phone = (post.get("phone") or "").strip()[:MAX_FIELD]
        kind = post.get("kind") if post.get("kind") in ("repair", "complaint") else "repair"
        error = None
        record = None
        request.update_context(lang=self._visitor_lang())
        env = request.env
        if not warranty:
            error = env._("This unit has no warranty registration: call the service desk.")
        elif not name or not phone:
            error = env._("Give your name and a phone number so the service desk can call you.")
        else:
            contact = env._(
                "Reported on the unit page by %(name)s, phone %(phone)s.", name=name, phone=phone
            )
            try:
                if kind == "repair":
                    # sudo: the visitor holds the unit's token; a draft repair at the front desk
                    record = (
                        env["repair.order"]
                        .sudo()
                        ._aftersales_portal_report_fault(
                            warranty,
                            post.get("description"),
                            preferred=_preferred_time(post.get("preferred_time")),
                            photos=_uploaded_photos(request.httprequest.files.getlist("photos")),
                            origin="qr",
                            contact=contact,
                        )
                    )
                    record.contact_phone = phone
                else:
                    description = (post.get("description") or "").strip()[:5000]
                    if not description:
                        raise UserError(env._("Describe what went wrong."))
                    # sudo: as above, a new complaint for the service department
                    record = (
                        env["aftersales.complaint"]
                        .sudo()
                        .create(
                            {
                                "company_id": warranty.company_id.id,
                                "subject": env._("Complaint about %(serial)s", serial=lot.name),
                                "description": Markup("<p>%s</p><p>%s</p>")
                                % (description, contact),
                                "channel": "portal",
                                "partner_id": warranty.partner_id.id,
                                "product_id": lot.product_id.id,
                                "lot_id": lot.id,
                            }
                        )
                    )
            except (UserError, ValidationError) as exc:
                error = exc.args[0]
        if error:
            return self._render(
                "aftersales_portal.unit_public_page",
                {
                    "lot": lot,
                    "warranty": warranty,
                    "lines": warranty._aftersales_portal_lines() if warranty else [],
                    "token": token,
                    "post": post,
                    "error": error,
                },
            )
        return self._render(
            "aftersales_portal.unit_public_thanks", {"lot": lot, "record": record, "kind": kind}
        )
