import { useEffect, useState } from "react";
import { api, type WebConfig } from "@/lib/api/client";
import { DEFAULT_SCORE_BANDS } from "@/lib/score-bands";

/** Used until GET /api/config answers (and if it cannot): the API's defaults. */
export const FALLBACK_CONFIG: WebConfig = {
  max_upload_bytes: 5 * 1024 * 1024,
  max_job_description_chars: 20_000,
  accepted_types: [
    { kind: "pdf", extensions: [".pdf"], media_types: ["application/pdf"] },
    {
      kind: "docx",
      extensions: [".docx"],
      media_types: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    },
    { kind: "txt", extensions: [".txt"], media_types: ["text/plain"] },
    { kind: "md", extensions: [".md", ".markdown", ".mdown", ".mkd"], media_types: ["text/markdown"] },
    { kind: "json", extensions: [".json"], media_types: ["application/json"] },
    { kind: "yaml", extensions: [".yaml", ".yml"], media_types: ["application/yaml", "text/yaml"] },
    { kind: "adoc", extensions: [".adoc", ".asciidoc", ".asc"], media_types: ["text/asciidoc"] },
  ],
  levels: ["gentle", "honest", "brutal"],
  default_level: "honest",
  score_bands: DEFAULT_SCORE_BANDS,
};

let cached: Promise<WebConfig> | null = null;

export function fetchConfig(): Promise<WebConfig> {
  cached ??= api
    .GET("/api/config")
    .then(({ data }) => data ?? FALLBACK_CONFIG)
    .catch(() => FALLBACK_CONFIG);
  return cached;
}

/** The upload limits the API enforces, so the browser checks the same ones. */
export function useWebConfig(): WebConfig {
  const [config, setConfig] = useState<WebConfig>(FALLBACK_CONFIG);
  useEffect(() => {
    let live = true;
    void fetchConfig().then((value) => live && setConfig(value));
    return () => {
      live = false;
    };
  }, []);
  return config;
}

/** For tests: forget the cached answer. */
export function resetConfigCache(): void {
  cached = null;
}
