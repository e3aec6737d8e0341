#include "printing/specimen.hpp"

#include <array>

namespace onewindow::printing {

DocumentData specimenData(int materialRows) {
  DocumentData data;
  const std::pair<const char*, const char*> fields[] = {
      {"document.number", "罗湖东门受〔2026〕第00127号"},
      {"document.title", "受理通知书"},
      {"document.date", "2026-11-27"},
      {"document.reprint_reason", ""},
      {"case.number", "11440303MB2C91234X4000131128000202611270012"},
      {"case.provisional_number", "P-0003-20261127-0012"},
      {"case.official_number", "11440303MB2C91234X4000131128000202611270012"},
      {"case.intake_at", "2026-11-27T02:15:00Z"},
      {"case.verify_url",
       "https://zwfw.example.invalid/v/11440303MB2C91234X4000131128000202611270012?c=7K3Q"},
      {"case.check_code", "7K3Q"},
      {"case.legal_due", "2026-12-25"},
      {"case.promised_due", "2026-12-04"},
      {"case.promised_days", "5"},
      {"case.fee", "12345.60"},
      {"applicant.name", "张三丰"},
      {"applicant.id_type", "居民身份证"},
      {"applicant.id_number", "44030519900101123X"},
      {"applicant.phone", "13812345678"},
      {"applicant.address", "深圳市罗湖区东门街道解放路1号"},
      {"matter.code", "000131128000"},
      {"matter.name", "深圳市居住证申领"},
      {"matter.department", "深圳市公安局罗湖分局"},
      {"matter.legal_basis", "《深圳经济特区居住证条例》第十二条"},
      {"decision.kind", "accept"},
      {"decision.at", "2026-11-27T02:25:00Z"},
      {"decision.grounds", "申请事项依法不属于本机关职权范围。"},
      {"decision.legal_basis", "《中华人民共和国行政许可法》第三十二条第一款第（二）项"},
      {"decision.remedies",
       "如不服本决定，可自收到本通知书之日起六十日内向深圳市罗湖区人民政府申请行政复议，或者在六个"
       "月内向深圳市罗湖区人民法院提起行政诉讼。"},
      {"decision.redirect", "深圳市市场监督管理局罗湖监管局"},
      {"decision.gap_deadline", "2026-12-02"},
      {"decision.correction_deadline", "2026-12-04"},
      {"decision.note", ""},
      {"clerk.id", "c0003"},
      {"clerk.name", "李四"},
      {"clerk.phone", "0755-82100000"},
      {"window.name", "3号窗口"},
      {"window.station_id", "LH-DM-03"},
      {"centre.name", "深圳市罗湖区东门街道党群服务中心"},
      {"centre.address", "深圳市罗湖区东门中路2号"},
      {"centre.phone", "0755-82200000"},
      {"department.name", "罗湖区人力资源局"},
      {"certificate.number", "440303600123456"},
      {"certificate.holder", "张三丰"},
      {"certificate.sex", "男"},
      {"certificate.birth_date", "1956-01-01"},
      {"certificate.id_number", "44030519560101123X"},
      {"certificate.business_name", "深圳市罗湖区张三丰便利店"},
      {"certificate.business_form", "个人经营"},
      {"certificate.business_scope",
       "预包装食品、日用百货、文具用品的零售；烟草制品零售（凭许可证经营）。"},
      {"certificate.business_address", "深圳市罗湖区东门街道解放路1号101"},
      {"certificate.credit_code", "92440303MA5XXXXX1Q"},
      {"certificate.issued", "2026-11-27"},
      {"certificate.valid_until", ""},
      {"certificate.issuer", "深圳市市场监督管理局罗湖监管局"},
      {"certificate.verify_url", "https://zwfw.example.invalid/c/440303600123456"},
  };
  for (const auto& [path, value] : fields) data.set(path, value);

  static constexpr std::array kMaterials{
      std::array<const char*, 3>{"居民身份证", "原件", "1"},
      std::array<const char*, 3>{"居住证申领登记表", "原件", "1"},
      std::array<const char*, 3>{"房屋租赁合同", "复印件", "1"},
      std::array<const char*, 3>{"近期一寸免冠彩色照片", "原件", "2"},
      std::array<const char*, 3>{"社会保险参保证明", "电子证照", "1"},
      std::array<const char*, 3>{"户口簿首页及本人页", "复印件", "2"},
  };
  auto& materials = data.list("materials");
  for (int index = 0; index < materialRows; ++index) {
    const auto& row = kMaterials[static_cast<std::size_t>(index) % kMaterials.size()];
    std::string name = row[0];
    if (index >= static_cast<int>(kMaterials.size()))
      name += "（第" + std::to_string(index / kMaterials.size() + 1) + "份）";
    materials.push_back({{"name", name}, {"form", row[1]}, {"count", row[2]}, {"status", "已收"}});
  }
  data.list("gaps") = {{{"name", "房屋租赁合同"},
                        {"how", "携原件到3号窗口或在“i深圳”上传"},
                        {"deadline", "2026-12-02"}}};
  data.list("problems") = {
      {{"subject", "房屋租赁合同"}, {"detail", "合同已过期，请提供有效期内的租赁合同或住房证明。"}},
      {{"subject", "申请表第3项"}, {"detail", "居住地址缺少门牌号，请补充完整。"}}};
  data.list("returned") = {{{"name", "居民身份证"}, {"form", "原件"}, {"count", "1"}}};
  data.list("transfer_out") = materials;
  data.list("transfer_in") = {};
  return data;
}

}  // namespace onewindow::printing
