#!/usr/bin/env python3
"""Checks everything under deploy/ and docker-compose.yml without a Docker engine or a cluster.

    python deploy/tools/check_manifests.py            # from the repository root (or anywhere)

Needs PyYAML. Uses, when found on PATH or importable, and says so when it skips them:
  - `kustomize` or `kubectl` (its built-in kustomize) to render every overlay: required for the
    Kubernetes checks;
  - the `kubernetes_validate` module (pip install kubernetes-validate) for strict schema validation
    of the rendered objects against the Kubernetes API;
  - `promtool` for the Prometheus configuration, the rules and their unit tests (alerts.test.yml);
  - `docker compose` or `docker-compose` for `config -q` on the compose files;
  - the `check_jsonschema` module (pip install check-jsonschema) for the compose-spec schema.

What it checks itself, on every rendered overlay:
  - no two objects with the same kind/namespace/name, everything namespaced in `eorder`;
  - every Deployment: liveness and readiness probes on declared ports, CPU/memory requests and
    limits, a selector matching its pod labels, runAsNonRoot, read-only root filesystem with an
    emptyDir on /tmp, no privilege escalation; the same (but probes) for every Job;
  - every Service selects a Deployment and targets one of its ports; every web Deployment has a
    Service; every HPA targets a Deployment that has no fixed replicas; every PDB selects pods;
  - every env/envFrom reference to a ConfigMap or Secret (and key) exists in the overlay;
  - the gateway's EORDER_GATEWAY_UPSTREAMS names exactly the deployed services, each at an existing
    Service and port;
  - production mode: every eorder container reads eorder-config with EORDER_ENV=production and does
    not override it, none loads demo data, no object holds a private key, the sandbox bank is not
    deployed, and the gateway believes exactly one proxy hop (the ingress controller).
And on docker-compose.yml (+ deploy/compose/*.yml overlays): references (depends_on, bind-mount
sources, anchors resolved), healthchecks, gateway upstreams and Prometheus targets pointing at
existing services and ports, production mode with the generated key pair (the public key for every
service, the private key for the gateway alone; the sandbox bank, which refuses production, in `test`
mode and only under a profile), no secret written into a *_SECRET variable, ports published on
127.0.0.1 by default, every
image built from the root Dockerfile with its SERVICE; on the images: one Dockerfile, installing
from the hashed lock, no private key in the build context; on the lock: every package pinned and
hashed; on the Grafana dashboard: valid JSON, unique ids, no overlapping panels, only known metric
names; on alerts.yml: every rule has `for`, a severity and both annotations.

Exit status 0 when every check passed; the last line reads "N passed, M failed".
"""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

try:
    import yaml
except ImportError:  # pragma: no cover - message for a bare interpreter
    sys.exit("check_manifests: PyYAML is needed (pip install pyyaml)")

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
NAMESPACE = "eorder"

# The metric names of the services (libs/servicekit/servicekit/metrics.py and the business figures),
# of the rabbitmq_prometheus plugin and of Prometheus itself that dashboards and rules may use.
KNOWN_METRICS = {
    "eorder_http_requests_total",
    "eorder_http_request_duration_seconds_bucket",
    "eorder_http_request_duration_seconds_count",
    "eorder_http_request_duration_seconds_sum",
    "eorder_events_published_total",
    "eorder_events_consumed_total",
    "eorder_events_retried_total",
    "eorder_events_dead_lettered_total",
    "eorder_events_unroutable_total",
    "eorder_events_unroutable_waiting",
    "eorder_inbox_duplicates_total",
    "eorder_outbox_backlog",
    "eorder_outbox_oldest_age_seconds",
    "eorder_deadline_sweeps_total",
    "eorder_deadline_items_total",
    "eorder_vendors_total",
    # business figures of orders (orders/metrics.py) and payments (payments/metrics.py)
    "eorder_orders_total",
    "eorder_orders_past_deadline",
    "eorder_orders_state_seconds_total",
    "eorder_orders_state_stays_total",
    "eorder_orders_deadlines_missed_total",
    "eorder_rupiah_ordered_total",
    "eorder_invoices_total",
    "eorder_payments_total",
    "eorder_payments_rupiah",
    "eorder_payments_past_deadline",
    "rabbitmq_queue_messages",
    "rabbitmq_queue_messages_ready",
    "rabbitmq_queue_messages_unacked",
    "up",
    "probe_success",
}
METRIC_TOKEN = re.compile(r"\b((?:eorder|rabbitmq)_[a-z0-9_]+)\b")


class Report:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def check(self, name: str, errors: Iterable[str]) -> None:
        errors = list(errors)
        if errors:
            self.failed += 1
            print(f"FAIL  {name}")
            for error in errors:
                print(f"        - {error}")
        else:
            self.passed += 1
            print(f"ok    {name}")

    def skip(self, name: str, why: str) -> None:
        print(f"skip  {name}: {why}")

    def run(self, name: str, command: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(command, check=False, cwd=cwd, capture_output=True, text=True)
        output = (result.stdout + result.stderr).strip()
        errors = (
            []
            if result.returncode == 0
            else [f"{' '.join(command)} exited {result.returncode}"] + output.splitlines()[-30:]
        )
        self.check(name, errors)
        return result


# --------------------------------------------------------------------------------------------- k8s


def renderer() -> list[str] | None:
    if shutil.which("kustomize"):
        return ["kustomize", "build"]
    if shutil.which("kubectl"):
        return ["kubectl", "kustomize"]
    return None


def load_all(text: str) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(text) if doc]


def ident(obj: dict[str, Any]) -> str:
    meta = obj.get("metadata", {})
    return f"{obj.get('kind')}/{meta.get('name')}"


def pod_spec(obj: dict[str, Any]) -> dict[str, Any]:
    return obj.get("spec", {}).get("template", {}).get("spec", {})


def selects(selector: dict[str, str] | None, labels: dict[str, str] | None) -> bool:
    return bool(selector) and all((labels or {}).get(k) == v for k, v in selector.items())


def check_workload(obj: dict[str, Any], needs_probes: bool) -> list[str]:
    errors: list[str] = []
    name = ident(obj)
    spec = pod_spec(obj)
    security = spec.get("securityContext", {})
    if security.get("runAsNonRoot") is not True:
        errors.append(f"{name}: pod securityContext.runAsNonRoot is not true")
    volumes = {v.get("name"): v for v in spec.get("volumes", [])}
    for container in spec.get("containers", []) + spec.get("initContainers", []):
        where = f"{name} container {container.get('name')}"
        ports = {p.get("name"): p.get("containerPort") for p in container.get("ports", [])}
        if needs_probes:
            for probe in ("livenessProbe", "readinessProbe"):
                if probe not in container:
                    errors.append(f"{where}: no {probe}")
                    continue
                port = container[probe].get("httpGet", {}).get("port")
                if isinstance(port, str) and port not in ports:
                    errors.append(f"{where}: {probe} uses port {port!r}, not a declared container port")
                if isinstance(port, int) and port not in ports.values():
                    errors.append(f"{where}: {probe} uses port {port}, not a declared container port")
        resources = container.get("resources", {})
        for kind in ("requests", "limits"):
            for resource in ("cpu", "memory"):
                if resource not in resources.get(kind, {}):
                    errors.append(f"{where}: no {kind}.{resource}")
        csc = container.get("securityContext", {})
        if csc.get("readOnlyRootFilesystem") is not True:
            errors.append(f"{where}: readOnlyRootFilesystem is not true")
        if csc.get("allowPrivilegeEscalation") is not False:
            errors.append(f"{where}: allowPrivilegeEscalation is not false")
        tmp = [m for m in container.get("volumeMounts", []) if m.get("mountPath") == "/tmp"]
        if not tmp or "emptyDir" not in volumes.get(tmp[0].get("name"), {}):
            errors.append(f"{where}: /tmp is not an emptyDir (the root filesystem is read-only)")
    return errors


def check_references(objects: list[dict[str, Any]]) -> list[str]:
    """env / envFrom references to ConfigMaps and Secrets (and their keys) exist."""
    errors: list[str] = []
    data: dict[tuple[str, str], set[str]] = {}
    for obj in objects:
        if obj.get("kind") in ("ConfigMap", "Secret"):
            keys = set(obj.get("data", {}) or {}) | set(obj.get("stringData", {}) or {})
            data[(obj["kind"], obj["metadata"]["name"])] = keys
    for obj in objects:
        if obj.get("kind") not in ("Deployment", "Job", "StatefulSet"):
            continue
        for container in pod_spec(obj).get("containers", []):
            where = f"{ident(obj)} container {container.get('name')}"
            for source in container.get("envFrom", []):
                for ref_kind, kind in (("configMapRef", "ConfigMap"), ("secretRef", "Secret")):
                    if ref_kind in source and (kind, source[ref_kind]["name"]) not in data:
                        errors.append(f"{where}: envFrom {kind} {source[ref_kind]['name']} does not exist")
            names = [e.get("name") for e in container.get("env", [])]
            for dup in {n for n in names if names.count(n) > 1}:
                errors.append(f"{where}: env {dup} set twice")
            for env in container.get("env", []):
                value_from = env.get("valueFrom", {})
                for ref_kind, kind in (("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")):
                    ref = value_from.get(ref_kind)
                    if not ref:
                        continue
                    keys = data.get((kind, ref["name"]))
                    if keys is None:
                        errors.append(f"{where}: env {env['name']} refers to missing {kind} {ref['name']}")
                    elif ref["key"] not in keys and not ref.get("optional"):
                        errors.append(
                            f"{where}: env {env['name']} refers to missing key {ref['key']} of {kind} {ref['name']}"
                        )
    return errors


def check_overlay(name: str, objects: list[dict[str, Any]]) -> list[str]:
    errors: list[str] = []
    seen: set[tuple[str, str, str]] = set()
    for obj in objects:
        meta = obj.get("metadata", {})
        key = (obj.get("kind", ""), meta.get("namespace", ""), meta.get("name", ""))
        if key in seen:
            errors.append(f"duplicate {key[0]}/{key[2]}")
        seen.add(key)
        if obj.get("kind") not in ("Namespace",) and meta.get("namespace") != NAMESPACE:
            errors.append(f"{ident(obj)} is not in namespace {NAMESPACE}")

    deployments = [o for o in objects if o.get("kind") == "Deployment"]
    by_name = {d["metadata"]["name"]: d for d in deployments}
    for deployment in deployments:
        errors += check_workload(deployment, needs_probes=True)
        template_labels = deployment["spec"]["template"].get("metadata", {}).get("labels", {})
        if not selects(deployment["spec"].get("selector", {}).get("matchLabels"), template_labels):
            errors.append(f"{ident(deployment)}: selector does not match its pod labels")
    for job in (o for o in objects if o.get("kind") == "Job"):
        errors += check_workload(job, needs_probes=False)
        if pod_spec(job).get("restartPolicy") not in ("Never", "OnFailure"):
            errors.append(f"{ident(job)}: restartPolicy must be Never or OnFailure")

    services = [o for o in objects if o.get("kind") == "Service"]
    service_ports: dict[str, set[int]] = {}
    for service in services:
        selector = service["spec"].get("selector")
        targets = [d for d in deployments if selects(selector, d["spec"]["template"]["metadata"].get("labels"))]
        service_ports[service["metadata"]["name"]] = {p["port"] for p in service["spec"].get("ports", [])}
        if not targets:
            errors.append(f"{ident(service)}: selector {selector} matches no Deployment")
            continue
        for port in service["spec"].get("ports", []):
            target = port.get("targetPort", port.get("port"))
            for deployment in targets:
                declared = [
                    p
                    for c in pod_spec(deployment)["containers"]
                    for p in c.get("ports", [])
                    if p.get("name") == target or p.get("containerPort") == target
                ]
                if not declared:
                    errors.append(f"{ident(service)}: targetPort {target!r} is not a port of {ident(deployment)}")
    for deployment in deployments:
        labels = deployment["spec"]["template"]["metadata"].get("labels", {})
        if labels.get("app.kubernetes.io/component") == "web" and not any(
            selects(s["spec"].get("selector"), labels) for s in services
        ):
            errors.append(f"{ident(deployment)}: web Deployment without a Service")

    for hpa in (o for o in objects if o.get("kind") == "HorizontalPodAutoscaler"):
        target = hpa["spec"]["scaleTargetRef"]
        deployment = by_name.get(target["name"]) if target.get("kind") == "Deployment" else None
        if deployment is None:
            errors.append(f"{ident(hpa)}: scale target {target.get('kind')}/{target.get('name')} does not exist")
        elif "replicas" in deployment["spec"]:
            errors.append(f"{ident(hpa)}: {ident(deployment)} sets replicas, which would fight the autoscaler")
    for pdb in (o for o in objects if o.get("kind") == "PodDisruptionBudget"):
        selector = pdb["spec"].get("selector", {}).get("matchLabels")
        if not any(selects(selector, d["spec"]["template"]["metadata"].get("labels")) for d in deployments):
            errors.append(f"{ident(pdb)}: selector matches no Deployment")

    errors += check_references(objects)
    errors += check_gateway_upstreams(objects, deployments, service_ports)
    errors += check_production(objects)
    return errors


PRIVATE_KEY = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")
# One proxy hop in front of the gateway in a cluster: the ingress controller (deploy/README.md).
CLUSTER_TRUSTED_PROXIES = "1"


def readable(obj: dict[str, Any]) -> str:
    """The object as text, with a Secret's base64 `data` decoded."""
    decoded = []
    if obj.get("kind") == "Secret":
        for value in (obj.get("data") or {}).values():
            try:
                decoded.append(base64.b64decode(value).decode("utf-8", "replace"))
            except ValueError:
                decoded.append(str(value))
    return json.dumps(obj) + "\n".join(decoded)


def check_production(objects: list[dict[str, Any]]) -> list[str]:
    """Every eorder process runs in production mode, with no private key and no demo data."""
    errors = [f"{ident(o)} holds a private key" for o in objects if PRIVATE_KEY.search(readable(o))]
    config_maps = {o["metadata"]["name"]: o.get("data") or {} for o in objects if o.get("kind") == "ConfigMap"}
    production = {name for name, data in config_maps.items() if data.get("EORDER_ENV") == "production"}
    for obj in objects:
        if obj.get("kind") not in ("Deployment", "Job"):
            continue
        for container in pod_spec(obj).get("containers", []):
            if not str(container.get("image", "")).startswith("eorder/"):
                continue
            where = f"{ident(obj)} container {container.get('name')}"
            sources = {s["configMapRef"]["name"] for s in container.get("envFrom", []) if "configMapRef" in s}
            if not sources & production:
                errors.append(f"{where}: does not read a ConfigMap with EORDER_ENV=production")
            if any(e.get("name") == "EORDER_ENV" for e in container.get("env", [])):
                errors.append(f"{where}: overrides EORDER_ENV")
            if "demo-data" in (container.get("command") or []) + (container.get("args") or []):
                errors.append(f"{where}: loads demo data")
            if image_service(container["image"]) == SANDBOX_BANK:
                errors.append(f"{where}: the sandbox bank is not deployed in a cluster (the real bank's adapter is)")
    for name, data in config_maps.items():
        if "EORDER_GATEWAY_UPSTREAMS" in data and data.get("EORDER_GATEWAY_TRUSTED_PROXIES") != CLUSTER_TRUSTED_PROXIES:
            errors.append(
                f"ConfigMap/{name}: EORDER_GATEWAY_TRUSTED_PROXIES must be {CLUSTER_TRUSTED_PROXIES} (the ingress controller)"
            )
    return errors


def check_gateway_upstreams(
    objects: list[dict[str, Any]], deployments: list[dict[str, Any]], service_ports: dict[str, set[int]]
) -> list[str]:
    gateway_config = [
        o for o in objects if o.get("kind") == "ConfigMap" and "EORDER_GATEWAY_UPSTREAMS" in (o.get("data") or {})
    ]
    deployed = {
        d["spec"]["template"]["metadata"]["labels"].get("app.kubernetes.io/name")
        for d in deployments
        if d["spec"]["template"]["metadata"]["labels"].get("app.kubernetes.io/component") == "web"
    } - {"gateway", None}
    if not gateway_config:
        return (
            ["no ConfigMap sets EORDER_GATEWAY_UPSTREAMS"]
            if "gateway" in {d["metadata"]["name"] for d in deployments}
            else []
        )
    return upstream_errors(gateway_config[0]["data"]["EORDER_GATEWAY_UPSTREAMS"], deployed, service_ports)


def upstream_errors(value: str, deployed: set[str], ports: dict[str, set[int]]) -> list[str]:
    errors: list[str] = []
    routed: set[str] = set()
    for item in filter(None, (part.strip() for part in value.split(","))):
        name, _, url = item.partition("=")
        routed.add(name)
        match = re.fullmatch(r"http://([a-z0-9.-]+):(\d+)/?", url)
        if not match:
            errors.append(f"upstream {item!r} is not name=http://host:port")
            continue
        host, port = match.group(1).split(".")[0], int(match.group(2))
        if host not in ports:
            errors.append(f"upstream {name} points at {host}, which is not deployed")
        elif port not in ports[host]:
            errors.append(f"upstream {name} points at {host}:{port}, which does not serve that port")
    if routed != deployed:
        errors.append(
            f"EORDER_GATEWAY_UPSTREAMS routes {sorted(routed)} but the deployed services are {sorted(deployed)}"
        )
    return errors


def check_kubernetes(report: Report) -> None:
    command = renderer()
    if command is None:
        report.check(
            "kubernetes: kustomize or kubectl on PATH",
            ["neither kustomize nor kubectl found: cannot render the overlays"],
        )
        return
    try:
        import kubernetes_validate  # type: ignore[import-not-found]
    except ImportError:
        kubernetes_validate = None
        report.skip(
            "kubernetes: schema validation", "pip install kubernetes-validate to validate against the API schemas"
        )

    overlays = sorted(p.parent for p in (K8S / "overlays").glob("*/kustomization.yaml"))
    for overlay in overlays + [K8S / "infrastructure"]:
        label = overlay.relative_to(ROOT)
        result = subprocess.run([*command, str(overlay)], check=False, capture_output=True, text=True)
        if result.returncode != 0:
            report.check(f"{label}: renders", [result.stderr.strip()])
            continue
        objects = load_all(result.stdout)
        kinds = sorted({o["kind"] for o in objects})
        report.check(f"{label}: renders ({len(objects)} objects: {', '.join(kinds)})", [])
        report.check(f"{label}: workloads, services, references", check_overlay(str(label), objects))
        if kubernetes_validate is not None:
            report.check(f"{label}: Kubernetes schemas (strict)", schema_errors(kubernetes_validate, objects))
        placeholders = [ident(o) for o in objects if o.get("kind") == "Secret" and "REPLACE-ME" in json.dumps(o)]
        if placeholders:
            print(f"note  {label}: placeholder Secrets to replace before deploying: {', '.join(placeholders)}")


def schema_errors(module: Any, objects: list[dict[str, Any]], version: str = "1.30.0") -> list[str]:
    errors = []
    for obj in objects:
        api_version = obj.get("apiVersion", "")
        group = api_version.split("/")[0] if "/" in api_version else ""
        if "." in group and not group.endswith(".k8s.io"):
            continue  # a custom resource (RabbitmqCluster): no schema to check against
        try:
            module.validate(obj, version, strict=True)
        except Exception as exc:  # noqa: BLE001 - ValidationError, or a kind/version without a schema
            errors.append(f"{ident(obj)}: {getattr(exc, 'message', exc)}")
    return errors


# ----------------------------------------------------------------------------------------- compose


def compose_files() -> list[Path]:
    return [ROOT / "docker-compose.yml"] + sorted((DEPLOY / "compose").glob("*.yml"))


def merge_compose(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Good enough for our overlays: mappings merge, lists of volumes append, scalars replace."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_compose(merged[key], value)
        elif isinstance(value, list) and isinstance(merged.get(key), list) and key == "volumes":
            merged[key] = merged[key] + value
        else:
            merged[key] = value
    return merged


# The one-shot services that generate the deployment's JWT key pair and the bank's callback key into
# volumes (as root, then hand them to the services' user): not services, so not held to their rules.
GENERATORS = {"jwt-keys", "bank-callback-secret"}
# The stand-in bank shipped with payments: it refuses production mode, so in compose it runs in `test`
# mode behind a profile, and it is never deployed in a cluster.
SANDBOX_BANK = "sandboxbank"
SANDBOX_ENV = "test"
PUBLIC_KEY_VOLUME, PRIVATE_KEY_VOLUME = "jwt-public", "jwt-private"
# No proxy in front of the gateway in compose: no X-Forwarded-* header is believed.
COMPOSE_TRUSTED_PROXIES = "0"


def default_interpolation(value: str) -> str:
    """`${NAME:-default}` as compose renders it when NAME is unset."""
    return re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", value)


def image_service(image: str) -> str:
    """The service an eorder image runs: ``eorder/payments:1.2`` -> ``payments``."""
    return image.split("/", 1)[-1].split(":")[0]


def compose_image_errors(name: str, service: dict[str, Any]) -> list[str]:
    """Built from the one root Dockerfile, with the SERVICE of its image name."""
    build = service.get("build")
    if not isinstance(build, dict):
        return [f"{name}: eorder image without a build section"]
    errors = []
    if build.get("dockerfile", "Dockerfile") != "Dockerfile" or build.get("context", ".") != ".":
        errors.append(f"{name}: built from {build.get('dockerfile')}, not the root Dockerfile")
    service_name = image_service(service["image"])
    if (build.get("args") or {}).get("SERVICE") != service_name:
        errors.append(f"{name}: image eorder/{service_name} built without SERVICE={service_name}")
    return errors


def compose_production_errors(name: str, service: dict[str, Any]) -> list[str]:
    """Production mode with the generated key pair: the public key for all, the private for the gateway."""
    errors = []
    env = service.get("environment") or {}
    sandbox = image_service(service["image"]) == SANDBOX_BANK
    wanted_env = SANDBOX_ENV if sandbox else "production"
    if env.get("EORDER_ENV") != wanted_env:
        errors.append(f"{name}: EORDER_ENV is {env.get('EORDER_ENV')!r}, not {wanted_env}")
    if sandbox and not service.get("profiles"):
        errors.append(f"{name}: the sandbox bank runs only under a profile, never by default")
    command = " ".join(str(part) for part in (service.get("command") or []))
    if "demo-data" in command or env.get("EORDER_DEMO_DATA") not in (None, "0"):
        errors.append(f"{name}: loads demo data")
    entrypoint = " ".join(str(part) for part in (service.get("entrypoint") or []))
    mounted = {str(m).split(":")[0] for m in service.get("volumes", [])}
    signs = name.startswith("gateway")
    wanted = {"EORDER_JWT_PUBLIC_KEY": PUBLIC_KEY_VOLUME}
    if signs:
        wanted["EORDER_GATEWAY_JWT_PRIVATE_KEY"] = PRIVATE_KEY_VOLUME
        trusted = default_interpolation(str(env.get("EORDER_GATEWAY_TRUSTED_PROXIES", "")))
        if trusted != COMPOSE_TRUSTED_PROXIES:
            errors.append(f"{name}: EORDER_GATEWAY_TRUSTED_PROXIES is {trusted!r}, not {COMPOSE_TRUSTED_PROXIES} (no proxy)")
    elif PRIVATE_KEY_VOLUME in mounted:
        errors.append(f"{name}: mounts the private key, which only the gateway reads")
    for variable, volume in wanted.items():
        if variable not in entrypoint or volume not in mounted:
            errors.append(f"{name}: does not take {variable} from volume {volume}")
    return errors


def check_compose_model(model: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    services: dict[str, Any] = model.get("services", {})
    volumes = set((model.get("volumes") or {}).keys())
    env_ref = re.compile(r"\$\{[^}]*\}")
    for name, service in services.items():
        depends = service.get("depends_on", {})
        for dependency, condition in depends.items() if isinstance(depends, dict) else ((d, {}) for d in depends):
            if dependency not in services:
                errors.append(f"{name}: depends_on unknown service {dependency}")
            elif (condition or {}).get("condition") == "service_healthy" and "healthcheck" not in services[dependency]:
                errors.append(f"{name}: waits for {dependency} to be healthy, which has no healthcheck")
            elif (condition or {}).get("condition") == "service_completed_successfully" and services[dependency].get(
                "restart"
            ) not in ("no", None):
                errors.append(f"{name}: waits for one-shot {dependency}, which restarts")
            if set(services.get(dependency, {}).get("profiles", [])) - set(service.get("profiles", [])):
                errors.append(f"{name}: depends on {dependency}, which is in a profile it is not")
        for mount in service.get("volumes", []):
            source = mount.split(":")[0] if isinstance(mount, str) else mount.get("source", "")
            if source.startswith((".", "/")):
                if not (ROOT / source).exists():
                    errors.append(f"{name}: bind-mount source {source} does not exist")
            elif source and source not in volumes:
                errors.append(f"{name}: named volume {source} is not declared")
        is_eorder = isinstance(service.get("image"), str) and service["image"].startswith("eorder/")
        one_shot = service.get("restart") == "no"
        if is_eorder and not one_shot and "healthcheck" not in service:
            errors.append(f"{name}: long-running eorder service without a healthcheck")
        if is_eorder:
            errors += compose_image_errors(name, service)
        if is_eorder and name not in GENERATORS:
            errors += compose_production_errors(name, service)
        for port in service.get("ports", []):
            published = default_interpolation(str(port))
            if not published.startswith("127.0.0.1:"):
                errors.append(f"{name}: port {published} is published beyond 127.0.0.1 by default")
        if any(PRIVATE_KEY.search(str(v)) for v in (service.get("environment") or {}).values()):
            errors.append(f"{name}: a private key in its environment")
        if is_eorder and not (service.get("read_only") and "/tmp" in (service.get("tmpfs") or [])):
            errors.append(f"{name}: not read_only with a /tmp tmpfs (as in Kubernetes)")
        for key, value in (service.get("environment") or {}).items():
            if value is not None and env_ref.sub("", str(value)).count("${"):
                errors.append(f"{name}: unbalanced interpolation in {key}")
            if key.endswith("_SECRET") and default_interpolation(str(value or "")):
                errors.append(f"{name}: {key} holds a value; secrets are generated at deployment or set by the operator")

    def port_of(service: str) -> set[int]:
        env = services.get(service, {}).get("environment") or {}
        ports = {int(env["PORT"])} if "PORT" in env else set()
        if service.endswith("-worker"):
            ports.add(9100)
        if service == "rabbitmq":
            ports |= {5672, 15672, 15692}
        return ports

    # The gateway's upstreams: every service whose web process runs, and nothing else.
    gateway_env = services.get("gateway", {}).get("environment") or {}
    upstreams = re.sub(r"\$\{[A-Z_]+:-(.*)\}", r"\1", str(gateway_env.get("EORDER_GATEWAY_UPSTREAMS", "")))
    active = {n for n, s in services.items() if not s.get("profiles")}
    deployed = {n[: -len("-web")] for n in active if n.endswith("-web")}
    errors += upstream_errors(upstreams, deployed, {n: port_of(n) for n in active})
    return errors


def prometheus_targets(model: dict[str, Any], hidden: set[str]) -> list[str]:
    """Every file_sd target is an active compose service on a port it serves."""
    errors: list[str] = []
    services = model.get("services", {})
    active = {n for n, s in services.items() if not s.get("profiles")}
    for path in sorted((DEPLOY / "prometheus" / "targets").glob("*.yml")):
        if path.name in hidden:
            continue
        for group in yaml.safe_load(path.read_text()) or []:
            labels = group.get("labels", {})
            if set(labels) != {"service", "process"} or labels["process"] not in ("web", "worker"):
                errors.append(f"{path.name}: labels must be service and process (web|worker): {labels}")
            for target in group.get("targets", []):
                host, _, port = target.partition(":")
                if host not in active:
                    errors.append(f"{path.name}: target {target} is not a running compose service")
                    continue
                env = services[host].get("environment") or {}
                expected = 9100 if labels.get("process") == "worker" else int(env.get("PORT", -1))
                if int(port) != expected:
                    errors.append(f"{path.name}: target {target} but {host} serves metrics on {expected}")
    return errors


def check_compose(report: Report) -> None:
    base = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    report.check("compose: docker-compose.yml references", check_compose_model(base))
    report.check("compose: prometheus targets match docker-compose.yml", prometheus_targets(base, set()))
    for overlay in compose_files()[1:]:
        data = yaml.safe_load(overlay.read_text())
        if not isinstance(data, dict) or "services" not in data:
            continue  # not a compose file (e.g. no-targets.yml)
        merged = merge_compose(base, data)
        label = overlay.relative_to(ROOT)
        report.check(f"compose: docker-compose.yml + {label} references", check_compose_model(merged))
        hidden = {
            Path(m.split(":")[1]).name
            for m in data.get("services", {}).get("prometheus", {}).get("volumes", [])
            if isinstance(m, str) and m.split(":")[1].startswith("/etc/prometheus/targets/")
        }
        report.check(f"compose: prometheus targets match with {label}", prometheus_targets(merged, hidden))

    cli = None
    if (
        shutil.which("docker")
        and subprocess.run(["docker", "compose", "version"], check=False, capture_output=True).returncode == 0
    ):
        cli = ["docker", "compose"]
    elif shutil.which("docker-compose"):
        cli = ["docker-compose"]
    overlays = [p for p in compose_files()[1:] if "services" in (yaml.safe_load(p.read_text()) or {})]
    if cli is None:
        report.skip("compose: config -q", "neither `docker compose` nor `docker-compose` found")
    else:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("COMPOSE_", "EORDER_"))}
        for extra in [[]] + [[p] for p in overlays]:
            files = [ROOT / "docker-compose.yml"] + extra
            file_args = [arg for f in files for arg in ("-f", str(f))]
            command = [*cli, *file_args, "--project-directory", str(ROOT), "config", "-q"]
            label = " + ".join(str(f.relative_to(ROOT)) for f in files)
            result = subprocess.run(command, check=False, capture_output=True, text=True, env=env)
            report.check(
                f"compose: {' '.join(cli)} config -q ({label})",
                [] if result.returncode == 0 else (result.stdout + result.stderr).strip().splitlines(),
            )
    if importlib.util.find_spec("check_jsonschema") is None:
        report.skip("compose: compose-spec schema", "pip install check-jsonschema to validate against it")
    else:
        report.run(
            "compose: compose-spec schema",
            [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec", "docker-compose.yml"]
            + [str(p.relative_to(ROOT)) for p in overlays],
        )


# -------------------------------------------------------------------------- prometheus and grafana


def check_alert_rules() -> list[str]:
    errors: list[str] = []
    rules = yaml.safe_load((DEPLOY / "prometheus" / "alerts.yml").read_text())
    names: set[str] = set()
    for group in rules["groups"]:
        for rule in group["rules"]:
            if "alert" not in rule:
                continue  # a recording rule
            name = rule["alert"]
            if name in names:
                errors.append(f"{name}: defined twice")
            names.add(name)
            if "for" not in rule:
                errors.append(f"{name}: no `for`")
            if rule.get("labels", {}).get("severity") not in ("critical", "warning", "info"):
                errors.append(f"{name}: severity label must be critical, warning or info")
            for annotation in ("summary", "description"):
                if not rule.get("annotations", {}).get(annotation):
                    errors.append(f"{name}: no {annotation} annotation")
            errors += [f"{name}: unknown metric {m}" for m in unknown_metrics(rule["expr"])]
    tested = set(re.findall(r"alertname: (\w+)", (DEPLOY / "prometheus" / "alerts.test.yml").read_text()))
    errors += [f"{name}: no unit test in alerts.test.yml" for name in sorted(names - tested)]
    return errors


def unknown_metrics(expr: str) -> set[str]:
    return {m for m in METRIC_TOKEN.findall(expr) if m not in KNOWN_METRICS}


def check_promtool(report: Report) -> None:
    promtool = shutil.which("promtool")
    if promtool is None:
        report.skip("prometheus: promtool", "not on PATH (Debian: the prometheus package ships it)")
        return
    prom = DEPLOY / "prometheus"
    report.run(
        "prometheus: promtool check config prometheus.yml (compose)",
        [promtool, "check", "config", "prometheus.yml"],
        cwd=prom,
    )
    report.run("prometheus: promtool check rules alerts.yml", [promtool, "check", "rules", "alerts.yml"], cwd=prom)
    report.run(
        "prometheus: promtool test rules alerts.test.yml", [promtool, "test", "rules", "alerts.test.yml"], cwd=prom
    )
    # Some promtool builds (Debian's) lack kubernetes_sd_configs: check the rest of the file with the
    # discovery swapped for an empty static list, so the relabelling is still verified.
    config = yaml.safe_load((prom / "prometheus-k8s.yml").read_text())
    for job in config.get("scrape_configs", []):
        if job.pop("kubernetes_sd_configs", None) is not None:
            job["static_configs"] = [{"targets": []}]
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "prometheus-k8s.yml").write_text(yaml.safe_dump(config))
        shutil.copy(prom / "alerts.yml", Path(tmp, "alerts.yml"))
        report.run(
            "prometheus: promtool check config prometheus-k8s.yml (discovery stubbed)",
            [promtool, "check", "config", "prometheus-k8s.yml"],
            cwd=Path(tmp),
        )


def check_dashboards() -> list[str]:
    errors: list[str] = []
    datasources = yaml.safe_load((DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yml").read_text())
    uids = {d["uid"] for d in datasources["datasources"]}
    providers = yaml.safe_load((DEPLOY / "grafana" / "provisioning" / "dashboards" / "dashboards.yml").read_text())
    if not providers.get("providers"):
        errors.append("dashboards.yml: no provider")
    for path in sorted((DEPLOY / "grafana" / "dashboards").glob("*.json")):
        try:
            board = json.loads(path.read_text())
        except json.JSONDecodeError as exc:
            errors.append(f"{path.name}: invalid JSON: {exc}")
            continue
        if not board.get("uid") or not isinstance(board.get("schemaVersion"), int):
            errors.append(f"{path.name}: uid and schemaVersion are required")
        variables = {v["name"]: v for v in board.get("templating", {}).get("list", [])}
        if "service" not in variables:
            errors.append(f"{path.name}: no `service` variable")
        if variables.get("datasource", {}).get("current", {}).get("value") not in uids:
            errors.append(
                f"{path.name}: the datasource variable does not default to a provisioned datasource {sorted(uids)}"
            )
        ids: set[int] = set()
        cells: dict[tuple[int, int], int] = {}
        for panel in board.get("panels", []):
            if panel["id"] in ids:
                errors.append(f"{path.name}: panel id {panel['id']} used twice")
            ids.add(panel["id"])
            grid = panel["gridPos"]
            if grid["x"] + grid["w"] > 24:
                errors.append(f"{path.name}: panel {panel['title']!r} is wider than the grid")
            for x in range(grid["x"], grid["x"] + grid["w"]):
                for y in range(grid["y"], grid["y"] + grid["h"]):
                    if (x, y) in cells:
                        errors.append(f"{path.name}: panel {panel['title']!r} overlaps panel {cells[(x, y)]}")
                        break
                    cells[(x, y)] = panel["id"]
                else:
                    continue
                break
            for target in panel.get("targets", []):
                errors += [
                    f"{path.name}: panel {panel['title']!r} uses unknown metric {m}"
                    for m in unknown_metrics(target.get("expr", ""))
                ]
                if panel["type"] != "row" and not target.get("refId"):
                    errors.append(f"{path.name}: panel {panel['title']!r} has a target without refId")
    return errors


# ------------------------------------------------------------------------------- images and lock

DEV_PRIVATE_KEY = "libs/servicekit/servicekit/devkeys/dev-private.pem"
LOCKS = ("requirements/runtime.txt", "requirements/dev.txt")


def check_images() -> list[str]:
    errors = []
    dockerfile = ROOT / "Dockerfile"
    if not dockerfile.exists():
        return ["no Dockerfile at the repository root"]
    others = [
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("Dockerfile*")
        if p != dockerfile and not any(part.startswith(".") for part in p.relative_to(ROOT).parts)
    ]
    errors += [f"{other}: one Dockerfile serves every service (build with --build-arg SERVICE)" for other in others]
    text = dockerfile.read_text()
    if not re.search(r"^ARG PYTHON_IMAGE=python:\d+\.\d+\.\d+-", text, re.MULTILINE):
        errors.append("Dockerfile: the base image is not pinned to an exact Python release")
    if "--require-hashes" not in text or "requirements/runtime.txt" not in text:
        errors.append("Dockerfile: does not install from the hashed lock requirements/runtime.txt")
    if re.search(r"pip install[^\n]*\s-e\s", text):
        errors.append("Dockerfile: editable installs")
    ignored = (ROOT / ".dockerignore").read_text().splitlines() if (ROOT / ".dockerignore").exists() else []
    if DEV_PRIVATE_KEY not in ignored:
        errors.append(f".dockerignore: does not keep {DEV_PRIVATE_KEY} out of the images")
    return errors


def check_lock() -> list[str]:
    """Every package of the lock files pinned to one version, with at least one hash."""
    errors = []
    for name in LOCKS:
        path = ROOT / name
        if not path.exists():
            errors.append(f"{name}: missing (make lock)")
            continue
        entries = re.split(r"\n(?=[^\s#])", path.read_text())
        for entry in entries:
            first = entry.split("\n", 1)[0]
            if not first.strip() or first.startswith("#"):
                continue
            if not re.match(r"^[A-Za-z0-9._-]+==[^\s;]+", first):
                errors.append(f"{name}: {first.strip()} is not pinned with ==")
            elif "--hash=sha256:" not in entry:
                errors.append(f"{name}: {first.split()[0]} has no hash")
    return errors


def main() -> int:
    report = Report()
    print(f"checking {DEPLOY.relative_to(ROOT)}/ and docker-compose.yml in {ROOT}")
    check_kubernetes(report)
    check_compose(report)
    report.check("images: one Dockerfile, installing the hashed lock, no private key", check_images())
    report.check("lock: every package pinned and hashed", check_lock())
    report.check("prometheus: alerts.yml rules complete and tested", check_alert_rules())
    check_promtool(report)
    report.check("grafana: provisioning and dashboards", check_dashboards())
    print(f"check_manifests: {report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
