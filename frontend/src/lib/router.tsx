import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from "react";

/** A small history-API router: the app has four pages, a library would be heavier than this. */
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  window.addEventListener("hashchange", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
    window.removeEventListener("hashchange", listener);
  };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const samePage = new URL(to, window.location.href).pathname === window.location.pathname;
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  emit();
  // A new page starts at its top, as a full page load would (back and forward keep theirs).
  if (!samePage && !options.replace) window.scrollTo(0, 0);
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export type Route =
  | { name: "upload" }
  | { name: "job"; id: string }
  | { name: "history" }
  | { name: "admin" }
  | { name: "not-found" };

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === "/") return { name: "upload" };
  if (path === "/history") return { name: "history" };
  if (path === "/admin") return { name: "admin" };
  const job = /^\/jobs\/([^/]+)$/.exec(path);
  if (job?.[1]) return { name: "job", id: decodeURIComponent(job[1]) };
  return { name: "not-found" };
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An ordinary link that navigates in place; modified clicks (new tab …) keep their meaning. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>): void {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  }
  return <a href={to} onClick={handleClick} {...rest} />;
}
