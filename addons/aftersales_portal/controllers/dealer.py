# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from .portal import AftersalesCustomerPortal, _preferred_time, _uploaded_photos


class AftersalesDealerPortal(AftersalesCustomerPortal):
    """The dealer's pages: units it sold, warranty repairs it logged, warranty part requests
    (signed by its office head), defective parts due back and parts sales. Every list is
    searched as the portal user: the record rules keep it to the user's dealer."""

    def _aftersales_dealer(self):
        return request.env.user.partner_id._aftersales_dealer()

    def _aftersales_dealer_values(self, page_name, **values):
        result = self._prepare_portal_layout_values()
        result.update(values, page_name=page_name, dealer=self._aftersales_dealer().sudo())
        return result

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        dealer = self._aftersales_dealer()
        countable = {
            "aftersales_dealer_unit_count": (
                "aftersales.warranty",
                [("selling_partner_id", "=", dealer.id)],
            ),
            "aftersales_dealer_repair_count": (
                "repair.order",
                [("aftersales_dealer_id", "=", dealer.id)],
            ),
            "aftersales_dealer_request_count": (
                "aftersales.warranty.part.request",
                [("dealer_id", "=", dealer.id)],
            ),
            "aftersales_dealer_return_count": (
                "aftersales.part.return",
                [("partner_id", "=", dealer.id), ("state", "in", ("expected", "received"))],
            ),
        }
        for counter, (model, domain) in countable.items():
            if counter in counters:
                values[counter] = self._aftersales_count(model, domain) if dealer else 0
        return values

    def _aftersales_dealer_sold_unit(self, warranty_id):
        """A unit the dealer sold (record rules, then the selling unit)."""
        unit = self._aftersales_get("aftersales.warranty", warranty_id)
        if unit.selling_partner_id != self._aftersales_dealer():
            raise AccessError(request.env._("This unit was not sold by your dealership."))
        return unit

    # ---- units sold and warranty repairs ----------------------------------------------

    @http.route(["/my/dealer/units"], type="http", auth="user", website=True)
    def portal_dealer_units(self, error=None, post=None, **kw):
        dealer = self._aftersales_dealer()
        if not dealer:
            return request.redirect("/my")
        units = request.env["aftersales.warranty"].search(
            [("selling_partner_id", "=", dealer.id), ("state", "!=", "ended")], limit=500
        )
        registrations = request.env["aftersales.dealer.unit.registration"].search(
            [("dealer_id", "=", dealer.id), ("state", "!=", "registered")], limit=100
        )
        return request.render(
            "aftersales_portal.portal_dealer_units",
            self._aftersales_dealer_values(
                "aftersales_dealer_unit",
                units=units.sudo(),
                registrations=registrations.sudo(),
                error=error,
                post=post or {},
            ),
        )

    @http.route(
        ["/my/dealer/units/register"], type="http", auth="user", methods=["POST"], website=True
    )
    def portal_dealer_register_unit(self, **post):
        if not self._aftersales_dealer():
            return request.redirect("/my")
        try:
            request.env["aftersales.dealer.unit.registration"]._aftersales_portal_register(
                request.env.user,
                post.get("serial"),
                post.get("customer_name"),
                post.get("delivery_date"),
                phone=post.get("customer_phone"),
                email=post.get("customer_email"),
            )
        except (UserError, ValidationError) as exc:
            return self.portal_dealer_units(error=exc.args[0], post=post)
        return request.redirect("/my/dealer/units")

    @http.route(["/my/dealer/repairs"], type="http", auth="user", website=True)
    def portal_dealer_repairs(self, **kw):
        dealer = self._aftersales_dealer()
        if not dealer:
            return request.redirect("/my")
        repairs = request.env["repair.order"].search(
            [("aftersales_dealer_id", "=", dealer.id)], order="create_date desc", limit=200
        )
        return request.render(
            "aftersales_portal.portal_dealer_repairs",
            self._aftersales_dealer_values("aftersales_dealer_repair", repairs=repairs.sudo()),
        )

    @http.route(
        ["/my/dealer/units/<int:warranty_id>/repair"],
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_dealer_log_repair(self, warranty_id, **post):
        try:
            unit = self._aftersales_dealer_sold_unit(warranty_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        error = None
        if request.httprequest.method == "POST":
            try:
                # sudo: a dealer may not create repairs over RPC; the unit is one it sold
                repair = (
                    request.env["repair.order"]
                    .sudo()
                    ._aftersales_portal_report_fault(
                        unit,
                        post.get("description"),
                        preferred=_preferred_time(post.get("preferred_time")),
                        photos=_uploaded_photos(request.httprequest.files.getlist("photos")),
                        dealer=self._aftersales_dealer(),
                    )
                )
            except (UserError, ValidationError) as exc:
                error = exc.args[0]
            else:
                return request.redirect(f"/my/dealer/repairs?logged={repair.id}")
        return request.render(
            "aftersales_portal.portal_fault_form",
            self._aftersales_dealer_values(
                "aftersales_dealer_repair",
                unit=unit,
                error=error,
                post=post,
                action=f"/my/dealer/units/{unit.id}/repair",
            ),
        )

    # ---- warranty part requests -------------------------------------------------------

    @http.route(["/my/dealer/requests"], type="http", auth="user", website=True)
    def portal_dealer_requests(self, **kw):
        dealer = self._aftersales_dealer()
        if not dealer:
            return request.redirect("/my")
        requests = request.env["aftersales.warranty.part.request"].search(
            [("dealer_id", "=", dealer.id)], limit=200
        )
        return request.render(
            "aftersales_portal.portal_dealer_requests",
            self._aftersales_dealer_values("aftersales_dealer_request", requests=requests.sudo()),
        )

    @http.route(
        ["/my/dealer/requests/new"],
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_dealer_request_new(self, unit_id=None, **post):
        dealer = self._aftersales_dealer()
        if not dealer:
            return request.redirect("/my")
        units = request.env["aftersales.warranty"].search(
            [("selling_partner_id", "=", dealer.id), ("state", "=", "active")], limit=500
        )
        unit = units.filtered(lambda u: str(u.id) == str(unit_id or ""))[:1].sudo()
        error = None
        if unit and request.httprequest.method == "POST":
            products = unit._aftersales_portal_part_products()
            parts = []
            try:
                for product in products:
                    raw = (post.get(f"qty_{product.id}") or "").strip()
                    if raw:
                        parts.append((product, float(raw)))
            except ValueError:
                error = request.env._("Enter the quantities as numbers.")
            if not error:
                try:
                    new_request = request.env[
                        "aftersales.warranty.part.request"
                    ]._aftersales_portal_create(
                        request.env.user,
                        unit,
                        parts,
                        note=(post.get("note") or "").strip() or None,
                        urgency=post.get("urgency") or "normal",
                    )
                except (UserError, ValidationError) as exc:
                    error = exc.args[0]
                else:
                    return request.redirect(f"/my/dealer/requests/{new_request.id}")
        return request.render(
            "aftersales_portal.portal_dealer_request_new",
            self._aftersales_dealer_values(
                "aftersales_dealer_request",
                units=units.sudo(),
                unit=unit,
                products=unit._aftersales_portal_part_products() if unit else [],
                error=error,
            ),
        )

    @http.route(["/my/dealer/requests/<int:request_id>"], type="http", auth="user", website=True)
    def portal_dealer_request(self, request_id, error=None, **kw):
        try:
            part_request = self._aftersales_get("aftersales.warranty.part.request", request_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        partner = request.env.user.partner_id
        can_sign = (
            partner.aftersales_dealer_office_head
            and part_request.state == "draft"
            and part_request.dealer_portal
            and not part_request.dealer_signed_date
        )
        return request.render(
            "aftersales_portal.portal_dealer_request",
            self._aftersales_dealer_values(
                "aftersales_dealer_request",
                part_request=part_request,
                can_sign=can_sign,
                error=error,
            ),
        )

    @http.route(
        ["/my/dealer/requests/<int:request_id>/sign"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_dealer_request_sign(self, request_id, signer_name=None, **kw):
        try:
            part_request = self._aftersales_get("aftersales.warranty.part.request", request_id)
            part_request._aftersales_portal_sign(request.env.user, signer_name)
        except (AccessError, MissingError):
            return request.redirect("/my")
        except (UserError, ValidationError) as exc:
            return self.portal_dealer_request(request_id, error=exc.args[0])
        return request.redirect(f"/my/dealer/requests/{request_id}")

    # ---- defective parts due back, parts sales ----------------------------------------

    @http.route(["/my/dealer/returns"], type="http", auth="user", website=True)
    def portal_dealer_returns(self, **kw):
        dealer = self._aftersales_dealer()
        if not dealer:
            return request.redirect("/my")
        returns = request.env["aftersales.part.return"].search(
            [("partner_id", "=", dealer.id)], limit=500
        )
        return request.render(
            "aftersales_portal.portal_dealer_returns",
            self._aftersales_dealer_values("aftersales_dealer_return", returns=returns.sudo()),
        )

    @http.route(["/my/dealer/returns/<int:return_id>"], type="http", auth="user", website=True)
    def portal_dealer_return(self, return_id, report_type=None, download=False, error=None, **kw):
        try:
            part_return = self._aftersales_get("aftersales.part.return", return_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=part_return,
                report_type=report_type,
                report_ref="aftersales_portal.action_report_part_return_form",
                download=download,
            )
        return request.render(
            "aftersales_portal.portal_dealer_return",
            self._aftersales_dealer_values(
                "aftersales_dealer_return", part_return=part_return, error=error
            ),
        )

    @http.route(
        ["/my/dealer/returns/<int:return_id>/ship"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_dealer_return_ship(self, return_id, carrier=None, tracking_ref=None, **kw):
        try:
            part_return = self._aftersales_get("aftersales.part.return", return_id)
            part_return._aftersales_portal_declare_shipment(carrier, tracking_ref)
        except (AccessError, MissingError):
            return request.redirect("/my")
        except (UserError, ValidationError) as exc:
            return self.portal_dealer_return(return_id, error=exc.args[0])
        return request.redirect(f"/my/dealer/returns/{return_id}")
