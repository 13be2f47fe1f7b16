#!/bin/sh
# Remove Ajfar Desk installed by install.sh for this user.  The data folder
# (~/.local/share/AjfarDesk: the store, backups, papers) stays: delete it yourself if you mean to.
set -eu
prefix=${AJFAR_PREFIX:-"$HOME/.local"}
share=${XDG_DATA_HOME:-"$prefix/share"}
rm -rf "$prefix/lib/ajfar-desk"
rm -f "$prefix/bin/ajfar-desk" "$prefix/bin/ajfar-desk-gui" "$share/applications/ajfar-desk.desktop"
for size in 16 32 48 64 128 256; do
  rm -f "$share/icons/hicolor/${size}x$size/apps/ajfar-desk.png"
done
rm -f "$share/icons/hicolor/scalable/apps/ajfar-desk.svg"
echo "Ajfar Desk is removed; the data folder is kept."
