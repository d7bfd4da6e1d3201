"""The operating system's reasons in Russian: an officer whose file cannot be read or written
is told why in the language of every other message (the system's own text is English)."""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOENT: "файл или папка не найдены",
    errno.EACCES: "нет прав доступа к файлу или папке",
    errno.EPERM: "операция не разрешена",
    errno.EISDIR: "это папка, а не файл",
    errno.ENOTDIR: "часть пути — не папка",
    errno.ENOSPC: "на диске нет места",
    errno.EROFS: "диск доступен только для чтения",
    errno.EEXIST: "файл уже существует",
    errno.ENAMETOOLONG: "слишком длинное имя файла",
    errno.ELOOP: "ссылки на файл ведут по кругу",
    errno.EIO: "ошибка чтения или записи диска",
}


def reason(err: OSError) -> str:
    """`err`'s reason in Russian, with the system's code for a reason not in the list."""
    known = _REASONS.get(err.errno or 0)
    return known or f"ошибка файловой системы ({errno.errorcode.get(err.errno or 0, err.errno)}: {err.strerror})"
