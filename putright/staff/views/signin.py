"""Sign in (password, then a security code), set up an authenticator, sign out."""

from __future__ import annotations

import base64

from django.contrib import auth
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from putright.accounts import signin
from putright.accounts.middleware import TIMED_OUT
from putright.staff.forms import CodeForm, SignInForm

HOME = "/staff/"
NEXT = "putright_signin_next"


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return HOME


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    """Step one: username and password. A successful POST answers 302."""
    timed_out = request.session.pop(TIMED_OUT, "") if request.method == "GET" else ""
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = signin.password_check(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if user is None:
            form.add_error(None, "Enter a correct username and password. Both are case sensitive.")
        else:
            target = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
            if not signin.otp_required():
                signin.sign_in(request, user, None)
                return HttpResponseRedirect(target)
            signin.pending_start(request, user)
            request.session[NEXT] = target
            if signin.has_authenticator(user):
                return HttpResponseRedirect("/staff/login/code/")
            return HttpResponseRedirect("/staff/login/set-up/")
    return render(
        request,
        "staff/signin/password.html",
        {"form": form, "next": request.GET.get("next", ""), "timed_out": timed_out},
    )


@csrf_protect
@never_cache
def sign_in_code(request: HttpRequest) -> HttpResponse:
    """Step two: the code from the authenticator app, or a backup code."""
    user = signin.pending_user(request)
    if user is None:
        return HttpResponseRedirect("/staff/login/")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = signin.code_check(user, form.cleaned_data["code"])
        if device is None:
            form.add_error("code", "The security code is not right, or it has expired")
        else:
            target = request.session.pop(NEXT, HOME)
            signin.sign_in(request, user, device)
            return HttpResponseRedirect(target)
    return render(request, "staff/signin/code.html", {"form": form})


@csrf_protect
@never_cache
def sign_in_set_up(request: HttpRequest) -> HttpResponse:
    """First sign-in: add PutRight to an authenticator app, then prove it with a code."""
    user = signin.pending_user(request)
    if user is None:
        return HttpResponseRedirect("/staff/login/")
    if signin.has_authenticator(user):
        return HttpResponseRedirect("/staff/login/code/")
    device = signin.authenticator_enrol(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if signin.authenticator_confirm(device, form.cleaned_data["code"]):
            target = request.session.pop(NEXT, HOME)
            signin.sign_in(request, user, device)
            return HttpResponseRedirect(target)
        form.add_error("code", "The security code is not right. Check the key and try again")
    key = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "staff/signin/set_up.html",
        {
            "form": form,
            "key_groups": [key[i : i + 4] for i in range(0, len(key), 4)],
            "config_url": device.config_url,
        },
    )


@require_POST
@csrf_protect
def sign_out(request: HttpRequest) -> HttpResponse:
    auth.logout(request)
    return HttpResponseRedirect("/staff/login/?signed_out=1")
