#!/bin/sh
# Install Ajfar Desk for this user only (no administrator rights): the program in
# ~/.local/lib/ajfar-desk, the commands in ~/.local/bin, the menu entry and the icon under
# ~/.local/share.  Run again to upgrade.  The data folder (~/.local/share/AjfarDesk) is never
# touched, here or by uninstall.sh.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${AJFAR_PREFIX:-"$HOME/.local"}
share=${XDG_DATA_HOME:-"$prefix/share"}
app="$prefix/lib/ajfar-desk"

[ -x "$here/ajfar-desk/ajfar-desk-gui" ] || { echo "install.sh: ajfar-desk/ is missing beside this script" >&2; exit 1; }
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
sed "s|^Exec=.*|Exec=\"$app/ajfar-desk-gui\"|" "$here/ajfar-desk.desktop" \
  > "$share/applications/ajfar-desk.desktop"
cp "$here/uninstall.sh" "$app/uninstall.sh"
command -v update-desktop-database >/dev/null 2>&1 \
  && update-desktop-database -q "$share/applications" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null 2>&1 \
  && gtk-update-icon-cache -q -t "$share/icons/hicolor" >/dev/null 2>&1 || true

echo "Ajfar Desk is installed in $app"
echo "  menu: Office > Ajfar Desk; command line: $prefix/bin/ajfar-desk"
echo "  to remove it: $app/uninstall.sh (your data folder stays)"
