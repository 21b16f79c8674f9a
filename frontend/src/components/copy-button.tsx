import { useEffect, useState } from "react";
import { Icon, type IconName } from "@/components/icons";

/** Copies text to the clipboard and says so (to screen readers too). */
export function CopyButton({
  text,
  label = "Copy",
  icon = "copy",
  className = "",
}: {
  text: string;
  label?: string;
  icon?: IconName;
  className?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy(): Promise<void> {
    setState((await copyText(text)) ? "copied" : "failed");
  }

  return (
    <button type="button" className={`button button--small ${className}`} onClick={() => void copy()}>
      <Icon name={state === "copied" ? "check" : icon} />
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}
      <span className="visually-hidden" role="status">
        {state === "copied" ? "Copied to the clipboard" : ""}
      </span>
    </button>
  );
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyWithSelection(text);
  }
}

/** For pages without clipboard permission (plain http on another host). */
function copyWithSelection(text: string): boolean {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "visually-hidden";
  document.body.append(area);
  area.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
