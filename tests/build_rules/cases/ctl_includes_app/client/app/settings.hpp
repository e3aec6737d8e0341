#pragma once
inline int appSetting() { return 1; }
