#!/bin/sh
# Install Ajfar Desk for this user only (no administrator rights): the program in
# ~/.local/lib/ajfar-desk, the commands in ~/.local/bin, the menu entry and the icon under
# ~/.local/share.  Run again to upgrade.  The data folder (~/.local/share/AjfarDesk) is never
# touched, here or by uninstall.sh.
#
# A head office's desk, on its PostgreSQL store:
#     AJFAR_DB_URL=postgresql+psycopg://desk3@hq-server/ajfar ./install.sh
# puts the store's URL on the menu entry (``--db-url``); an upgrade without it keeps the URL the
# entry had.  The password goes in ~/.pgpass (mode 600), never in the URL.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${AJFAR_PREFIX:-"$HOME/.local"}
share=${XDG_DATA_HOME:-"$prefix/share"}
app="$prefix/lib/ajfar-desk"

[ -x "$here/ajfar-desk/ajfar-desk-gui" ] || { echo "install.sh: ajfar-desk/ is missing beside this script" >&2; exit 1; }
entry="$share/applications/ajfar-desk.desktop"
url=${AJFAR_DB_URL:-}
if [ -z "$url" ] && [ -f "$entry" ]; then  # an upgrade: the store this desk was given before
  url=$(sed -n 's/^Exec=.* --db-url "\(.*\)"$/\1/p' "$entry")
fi
case "$url" in  # what a menu entry's Exec line takes unquoted inside its double quotes
  *[!A-Za-z0-9+:/@._~?=\&,-]*)
    echo "install.sh: AJFAR_DB_URL may hold letters, digits and + : / @ . _ ~ ? = & , - only" \
      "(the password goes in ~/.pgpass): $url" >&2
    exit 1 ;;
esac
mkdir -p "$prefix/lib" "$prefix/bin" "$share/applications"
# the new program beside the old one, then swapped: an interrupted upgrade leaves one whole
rm -rf "$app.new"
cp -R "$here/ajfar-desk" "$app.new"
rm -rf "$app.old"
[ -e "$app" ] && mv "$app" "$app.old"
mv "$app.new" "$app"
rm -rf "$app.old"
ln -sf "$app/ajfar-desk" "$prefix/bin/ajfar-desk"
ln -sf "$app/ajfar-desk-gui" "$prefix/bin/ajfar-desk-gui"

for size in 16 32 48 64 128 256; do
  icon="$here/icons/ajfar-desk-$size.png"
  if [ -f "$icon" ]; then
    mkdir -p "$share/icons/hicolor/${size}x$size/apps"
    cp "$icon" "$share/icons/hicolor/${size}x$size/apps/ajfar-desk.png"
  fi
done
if [ -f "$here/icons/ajfar-desk.svg" ]; then
  mkdir -p "$share/icons/hicolor/scalable/apps"
  cp "$here/icons/ajfar-desk.svg" "$share/icons/hicolor/scalable/apps/ajfar-desk.svg"
fi
exec_line="Exec=\"$app/ajfar-desk-gui\""
[ -z "$url" ] || exec_line="$exec_line --db-url \"$url\""
awk -v line="$exec_line" '/^Exec=/ { print line; next } { print }' "$here/ajfar-desk.desktop" \
  > "$entry"
cp "$here/uninstall.sh" "$app/uninstall.sh"
command -v update-desktop-database >/dev/null 2>&1 \
  && update-desktop-database -q "$share/applications" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null 2>&1 \
  && gtk-update-icon-cache -q -t "$share/icons/hicolor" >/dev/null 2>&1 || true

echo "Ajfar Desk is installed in $app"
echo "  menu: Office > Ajfar Desk; command line: $prefix/bin/ajfar-desk"
echo "  to remove it: $app/uninstall.sh (your data folder stays)"
[ -z "$url" ] || echo "  the menu entry opens the store $url"
