#!/usr/bin/env bash
# clang-format over the C++ sources, with one file list for `make format` and
# `make check-format`: every *.h and *.cc under simulator/ tests/ include/
# examples/ that git knows of (tracked, or new and not ignored), so build
# directories are never scanned. Style: the repository's .clang-format.
# Usage: format_check.sh --check   report unformatted files, exit 1 if any
#        format_check.sh --fix     reformat the files in place
#        format_check.sh --list    print the file list
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:---check}"
CLANG_FORMAT="${CLANG_FORMAT:-clang-format}"
dirs=(simulator tests include examples)

pathspecs=()
for d in "${dirs[@]}"; do pathspecs+=("$d/*.h" "$d/*.cc"); done
files=()
# Pathspec '*' also matches '/', so "simulator/*.cc" covers every subdirectory.
# A file deleted from the work tree but still in the index is skipped.
while IFS= read -r -d '' f; do
  [ -f "$f" ] && files+=("$f")
done < <(git ls-files -z --cached --others --exclude-standard -- "${pathspecs[@]}" | sort -zu)

if [ "$mode" = --list ]; then
  printf '%s\n' "${files[@]}"
  exit 0
fi
command -v "$CLANG_FORMAT" >/dev/null || {
  echo "format_check: $CLANG_FORMAT not found (Debian: apt-get install clang-format)" >&2
  exit 2
}
[ ${#files[@]} -gt 0 ] || { echo "format_check: no C++ sources found" >&2; exit 2; }

case "$mode" in
  --fix)
    printf '%s\0' "${files[@]}" | xargs -0 "$CLANG_FORMAT" -i
    echo "format: ${#files[@]} files formatted with $("$CLANG_FORMAT" --version)"
    ;;
  --check)
    bad=()
    for f in "${files[@]}"; do
      "$CLANG_FORMAT" --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
    done
    if [ ${#bad[@]} -gt 0 ]; then
      echo "check-format: ${#bad[@]} of ${#files[@]} files are not clang-formatted ($("$CLANG_FORMAT" --version)):" >&2
      printf '  %s\n' "${bad[@]}" >&2
      echo "check-format: run 'make format' to fix them" >&2
      exit 1
    fi
    echo "check-format: ${#files[@]} files clang-formatted"
    ;;
  *) echo "format_check.sh: unknown mode '$mode' (--check|--fix|--list)" >&2; exit 2 ;;
esac
