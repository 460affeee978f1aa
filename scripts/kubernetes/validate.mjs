// Validates Kubernetes manifests against the Kubernetes and Prometheus Operator OpenAPI schemas (kubernetes-models,
// which compiles the published schemas with ajv). Usage: node validate.mjs FILE.yaml... ; exit 1 on any invalid object.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import { ConfigMap, Service, Secret } from "kubernetes-models/v1";
import { Deployment } from "kubernetes-models/apps/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";

const kinds = {
  "v1/ConfigMap": ConfigMap,
  "v1/Service": Service,
  "v1/Secret": Secret,
  "apps/v1/Deployment": Deployment,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "monitoring.coreos.com/v1/ServiceMonitor": ServiceMonitor,
};

let failed = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of yaml.loadAll(readFileSync(file, "utf8"))) {
    if (doc === null) continue;
    const key = `${doc.apiVersion}/${doc.kind}`;
    const Model = kinds[key];
    const name = `${file}: ${key} ${doc.metadata?.name ?? "(no name)"}`;
    if (!Model) {
      console.error(`${name}: no schema known for this kind (add it to validate.mjs)`);
      failed++;
      continue;
    }
    try {
      new Model(doc).validate();
      checked++;
      console.log(`${name}: valid`);
    } catch (error) {
      failed++;
      console.error(`${name}: INVALID\n${error.message}`);
    }
  }
}

console.log(`${checked} valid, ${failed} invalid`);
process.exit(failed === 0 && checked > 0 ? 0 : 1);
