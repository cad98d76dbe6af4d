/*
 * The built-in vocabularies of privacy facts, zh and en, from public
 * sources: GB/T 35273-2020 Annex A (personal information) and Annex B
 * (sensitive personal information), PIPL Art. 28 (sensitive data), 44-50
 * (rights) and 38-39 (transfer), GDPR Art. 9 (special categories) and
 * 15-22 (rights), and the CCPA's categories of personal information.
 * English phrases are lower case and match whole words (a plural "s"
 * allowed); Chinese phrases match anywhere. Only facts.c includes this.
 */
#ifndef POLICY_FACTS_VOCAB_H
#define POLICY_FACTS_VOCAB_H

#include "policy/facts.h"

/* Kinds of data, after GB/T 35273-2020 Annex A. */
enum {
	DK_IDENTITY,
	DK_CONTACT,
	DK_ID_DOCUMENT,
	DK_BIOMETRIC,
	DK_HEALTH,
	DK_FINANCIAL,
	DK_LOCATION,
	DK_DEVICE,
	DK_ONLINE,
	DK_COMMUNICATIONS,
	DK_MEDIA,
	DK_ACCOUNT,
	DK_SPECIAL,
	DK_MINOR,
	DK_WORK,
	DK_NONE
};

typedef struct {
	const char *en, *zh;
	int sensitive;
} data_kind;

static const data_kind DATA_KINDS[] = {
	[DK_IDENTITY] = {"identity data", "个人基本资料", 0},
	[DK_CONTACT] = {"contact details", "联系方式", 0},
	[DK_ID_DOCUMENT] = {"identity document", "个人身份信息", 1},
	[DK_BIOMETRIC] = {"biometric data", "生物识别信息", 1},
	[DK_HEALTH] = {"health data", "健康生理信息", 1},
	[DK_FINANCIAL] = {"financial data", "个人财产信息", 1},
	[DK_LOCATION] = {"location", "位置信息", 0},
	[DK_DEVICE] = {"device data", "设备信息", 0},
	[DK_ONLINE] = {"online activity", "个人上网记录", 0},
	[DK_COMMUNICATIONS] = {"communications", "通信信息", 1},
	[DK_MEDIA] = {"photos and recordings", "影像音频", 0},
	[DK_ACCOUNT] = {"account data", "网络身份标识信息", 0},
	[DK_SPECIAL] = {"special category data", "特定身份信息", 1},
	[DK_MINOR] = {"data of children", "未成年人个人信息", 1},
	[DK_WORK] = {"education and work", "教育工作信息", 0},
	[DK_NONE] = {NULL, NULL, 0},
};

typedef struct {
	const char *phrase;
	const char *key;       /* the normalised value: synonyms share it */
	policy_fact_kind kind;
	int data_kind;         /* DK_NONE for other kinds */
	int sensitive;         /* this item is sensitive whatever its kind says */
} vocab_entry;

#define D(p, k, dk) {p, k, POLICY_FACT_DATA, dk, 0}
#define DS(p, k, dk) {p, k, POLICY_FACT_DATA, dk, 1}
#define P(p, k) {p, k, POLICY_FACT_PURPOSE, DK_NONE, 0}
#define R(p, k) {p, k, POLICY_FACT_RECIPIENT, DK_NONE, 0}
#define RT(p, k) {p, k, POLICY_FACT_RIGHT, DK_NONE, 0}
#define C(p, k) {p, k, POLICY_FACT_CONTACT, DK_NONE, 0}
#define T(p, k) {p, k, POLICY_FACT_TRANSFER, DK_NONE, 0}

static const vocab_entry VOCAB[] = {
	/* data: identity and contact */
	D("full name", "name", DK_IDENTITY), D("your name", "name", DK_IDENTITY),
	D("first name", "name", DK_IDENTITY), D("last name", "name", DK_IDENTITY),
	D("姓名", "name", DK_IDENTITY), D("date of birth", "date-of-birth", DK_IDENTITY),
	D("birthday", "date-of-birth", DK_IDENTITY), D("出生日期", "date-of-birth", DK_IDENTITY),
	D("生日", "date-of-birth", DK_IDENTITY), D("gender", "gender", DK_IDENTITY),
	D("性别", "gender", DK_IDENTITY), D("nationality", "nationality", DK_IDENTITY),
	D("国籍", "nationality", DK_IDENTITY), D("民族", "ethnicity", DK_SPECIAL),
	D("marital status", "marital-status", DK_IDENTITY), D("婚姻", "marital-status", DK_IDENTITY),
	D("email address", "email", DK_CONTACT), D("e-mail address", "email", DK_CONTACT),
	D("电子邮箱", "email", DK_CONTACT), D("电子邮件地址", "email", DK_CONTACT),
	D("邮箱地址", "email", DK_CONTACT), D("phone number", "phone", DK_CONTACT),
	D("telephone number", "phone", DK_CONTACT), D("mobile number", "phone", DK_CONTACT),
	D("手机号码", "phone", DK_CONTACT), D("手机号", "phone", DK_CONTACT),
	D("电话号码", "phone", DK_CONTACT), D("联系电话", "phone", DK_CONTACT),
	D("postal address", "postal-address", DK_CONTACT), D("home address", "postal-address", DK_CONTACT),
	D("mailing address", "postal-address", DK_CONTACT), D("shipping address", "postal-address", DK_CONTACT),
	D("收货地址", "postal-address", DK_CONTACT), D("通讯地址", "postal-address", DK_CONTACT),
	D("住址", "postal-address", DK_CONTACT), D("家庭住址", "postal-address", DK_CONTACT),
	/* identity documents (Annex B: sensitive) */
	D("身份证号码", "id-number", DK_ID_DOCUMENT), D("身份证号", "id-number", DK_ID_DOCUMENT),
	D("身份证件", "id-number", DK_ID_DOCUMENT), D("身份证", "id-number", DK_ID_DOCUMENT),
	D("护照", "passport", DK_ID_DOCUMENT), D("passport", "passport", DK_ID_DOCUMENT),
	D("驾驶证", "driving-licence", DK_ID_DOCUMENT), D("driver's license", "driving-licence", DK_ID_DOCUMENT),
	D("driving licence", "driving-licence", DK_ID_DOCUMENT),
	D("social security number", "ssn", DK_ID_DOCUMENT), D("社保卡", "social-security", DK_ID_DOCUMENT),
	D("national id", "id-number", DK_ID_DOCUMENT), D("government-issued id", "id-number", DK_ID_DOCUMENT),
	D("identity document", "id-number", DK_ID_DOCUMENT), D("军官证", "id-number", DK_ID_DOCUMENT),
	/* biometric */
	D("人脸信息", "face", DK_BIOMETRIC), D("人脸识别", "face", DK_BIOMETRIC),
	D("面部识别", "face", DK_BIOMETRIC), D("面部特征", "face", DK_BIOMETRIC),
	D("人脸", "face", DK_BIOMETRIC), D("facial recognition", "face", DK_BIOMETRIC),
	D("face scan", "face", DK_BIOMETRIC), D("facial geometry", "face", DK_BIOMETRIC),
	D("指纹", "fingerprint", DK_BIOMETRIC), D("fingerprint", "fingerprint", DK_BIOMETRIC),
	D("声纹", "voiceprint", DK_BIOMETRIC), D("voiceprint", "voiceprint", DK_BIOMETRIC),
	D("虹膜", "iris", DK_BIOMETRIC), D("iris", "iris", DK_BIOMETRIC),
	D("掌纹", "palm-print", DK_BIOMETRIC), D("生物识别", "biometric", DK_BIOMETRIC),
	D("biometric", "biometric", DK_BIOMETRIC),
	/* health */
	D("健康生理信息", "health", DK_HEALTH), D("健康信息", "health", DK_HEALTH),
	D("病历", "medical-record", DK_HEALTH), D("病史", "medical-record", DK_HEALTH),
	D("医疗", "medical", DK_HEALTH), D("心率", "heart-rate", DK_HEALTH),
	D("血压", "blood-pressure", DK_HEALTH), D("体检", "medical", DK_HEALTH),
	D("health data", "health", DK_HEALTH), D("health information", "health", DK_HEALTH),
	D("medical", "medical", DK_HEALTH), D("heart rate", "heart-rate", DK_HEALTH),
	D("blood pressure", "blood-pressure", DK_HEALTH), D("genetic", "genetic", DK_HEALTH),
	D("基因", "genetic", DK_HEALTH), D("disability", "disability", DK_HEALTH),
	D("pregnancy", "pregnancy", DK_HEALTH), D("生育", "pregnancy", DK_HEALTH),
	/* financial */
	D("银行卡号", "bank-card", DK_FINANCIAL), D("银行卡", "bank-card", DK_FINANCIAL),
	D("银行账户", "bank-account", DK_FINANCIAL), D("bank account", "bank-account", DK_FINANCIAL),
	D("credit card", "payment-card", DK_FINANCIAL), D("debit card", "payment-card", DK_FINANCIAL),
	D("payment card", "payment-card", DK_FINANCIAL), D("card number", "payment-card", DK_FINANCIAL),
	D("支付信息", "payment", DK_FINANCIAL), D("payment information", "payment", DK_FINANCIAL),
	D("交易记录", "transactions", DK_FINANCIAL), D("transaction history", "transactions", DK_FINANCIAL),
	D("征信", "credit", DK_FINANCIAL), D("credit report", "credit", DK_FINANCIAL),
	D("credit history", "credit", DK_FINANCIAL), D("收入", "income", DK_FINANCIAL),
	D("income", "income", DK_FINANCIAL), D("公积金", "housing-fund", DK_FINANCIAL),
	D("存款", "deposits", DK_FINANCIAL), D("房产", "property", DK_FINANCIAL),
	D("虚拟财产", "virtual-property", DK_FINANCIAL),
	/* location */
	DS("精确位置", "precise-location", DK_LOCATION), DS("精准定位", "precise-location", DK_LOCATION),
	DS("precise location", "precise-location", DK_LOCATION), DS("precise geolocation", "precise-location", DK_LOCATION),
	DS("行踪轨迹", "movements", DK_LOCATION), D("位置信息", "location", DK_LOCATION),
	D("地理位置", "location", DK_LOCATION), D("定位", "location", DK_LOCATION),
	D("geolocation", "location", DK_LOCATION), D("location data", "location", DK_LOCATION),
	D("location information", "location", DK_LOCATION), D("gps", "location", DK_LOCATION),
	D("location", "location", DK_LOCATION),
	/* device and online */
	D("ip address", "ip-address", DK_DEVICE), D("ip地址", "ip-address", DK_DEVICE),
	D("device identifier", "device-id", DK_DEVICE), D("设备标识", "device-id", DK_DEVICE),
	D("imei", "device-id", DK_DEVICE), D("imsi", "device-id", DK_DEVICE),
	D("mac地址", "mac-address", DK_DEVICE), D("mac address", "mac-address", DK_DEVICE),
	D("android id", "device-id", DK_DEVICE), D("idfa", "advertising-id", DK_DEVICE),
	D("oaid", "advertising-id", DK_DEVICE), D("advertising id", "advertising-id", DK_DEVICE),
	D("设备信息", "device", DK_DEVICE), D("device information", "device", DK_DEVICE),
	D("cookie", "cookies", DK_DEVICE), D("软件列表", "app-list", DK_DEVICE),
	D("应用列表", "app-list", DK_DEVICE), D("剪切板", "clipboard", DK_DEVICE),
	D("剪贴板", "clipboard", DK_DEVICE), D("传感器", "sensors", DK_DEVICE),
	D("浏览记录", "browsing-history", DK_ONLINE), D("browsing history", "browsing-history", DK_ONLINE),
	D("搜索记录", "search-history", DK_ONLINE), D("search history", "search-history", DK_ONLINE),
	D("网页浏览", "browsing-history", DK_ONLINE), D("purchase history", "purchases", DK_ONLINE),
	D("购买记录", "purchases", DK_ONLINE), D("订单信息", "orders", DK_ONLINE),
	D("order information", "orders", DK_ONLINE), D("操作日志", "logs", DK_ONLINE),
	D("inferences", "inferences", DK_ONLINE),
	/* communications and media */
	D("通讯录", "contacts", DK_COMMUNICATIONS), D("联系人", "contacts", DK_COMMUNICATIONS),
	D("address book", "contacts", DK_COMMUNICATIONS), D("contact list", "contacts", DK_COMMUNICATIONS),
	D("短信", "messages", DK_COMMUNICATIONS), D("通话记录", "call-log", DK_COMMUNICATIONS),
	D("call log", "call-log", DK_COMMUNICATIONS), D("call recording", "call-recording", DK_COMMUNICATIONS),
	D("recording of the call", "call-recording", DK_COMMUNICATIONS),
	D("content of the call", "call-recording", DK_COMMUNICATIONS),
	D("voice recording", "voice", DK_MEDIA), D("your voice", "voice", DK_MEDIA),
	D("录音", "voice", DK_MEDIA), D("语音", "voice", DK_MEDIA), D("麦克风", "microphone", DK_MEDIA),
	D("microphone", "microphone", DK_MEDIA), D("摄像头", "camera", DK_MEDIA),
	D("camera", "camera", DK_MEDIA), D("相册", "photos", DK_MEDIA), D("照片", "photos", DK_MEDIA),
	D("photos", "photos", DK_MEDIA), D("视频", "video", DK_MEDIA),
	/* accounts, special categories, minors, work */
	D("password", "password", DK_ACCOUNT), D("密码", "password", DK_ACCOUNT),
	D("username", "username", DK_ACCOUNT), D("用户名", "username", DK_ACCOUNT),
	D("昵称", "nickname", DK_ACCOUNT), D("头像", "avatar", DK_ACCOUNT),
	D("religious", "religion", DK_SPECIAL), D("宗教信仰", "religion", DK_SPECIAL),
	D("political", "politics", DK_SPECIAL), D("政治", "politics", DK_SPECIAL),
	D("sexual orientation", "sexual-orientation", DK_SPECIAL), D("sex life", "sexual-orientation", DK_SPECIAL),
	D("性取向", "sexual-orientation", DK_SPECIAL), D("racial", "race", DK_SPECIAL),
	D("ethnic origin", "ethnicity", DK_SPECIAL), D("trade union", "trade-union", DK_SPECIAL),
	D("criminal", "criminal", DK_SPECIAL), D("犯罪记录", "criminal", DK_SPECIAL),
	D("不满十四周岁", "children", DK_MINOR), D("未满14周岁", "children", DK_MINOR),
	D("儿童", "children", DK_MINOR), D("children under", "children", DK_MINOR),
	D("学历", "education", DK_WORK), D("education", "education", DK_WORK),
	D("工作单位", "employer", DK_WORK), D("职业", "occupation", DK_WORK),
	D("employment", "employment", DK_WORK), D("job title", "occupation", DK_WORK),
	/* purposes */
	P("targeted advertising", "targeted-advertising"), P("interest-based advertising", "targeted-advertising"),
	P("personalized advertising", "targeted-advertising"), P("personalised advertising", "targeted-advertising"),
	P("retargeting", "retargeting"), P("retargeted", "retargeting"), P("behavioral advertising", "targeted-advertising"),
	P("advertising", "advertising"), P("advertisements", "advertising"), P("ads", "advertising"), P("marketing", "marketing"),
	P("newsletter", "marketing"), P("promotion", "marketing"), P("定向推送", "targeted-advertising"),
	P("个性化推荐", "personalisation"), P("个性化展示", "personalisation"), P("个性化", "personalisation"),
	P("personalization", "personalisation"), P("personalisation", "personalisation"),
	P("personalize", "personalisation"), P("personalise", "personalisation"),
	P("广告", "advertising"), P("营销", "marketing"), P("推广", "marketing"),
	P("用户画像", "profiling"), P("画像", "profiling"), P("profiling", "profiling"),
	P("automated decision", "automated-decisions"), P("自动化决策", "automated-decisions"),
	P("machine learning", "ai-training"), P("train our models", "ai-training"),
	P("training ai", "ai-training"), P("train ai", "ai-training"), P("ai model", "ai-training"),
	P("artificial intelligence", "ai"), P("ai assistant", "ai"), P("large language model", "ai-training"),
	P("llm", "ai-training"), P("generative ai", "ai"), P("训练模型", "ai-training"),
	P("模型训练", "ai-training"), P("算法训练", "ai-training"), P("人工智能", "ai"), P("大模型", "ai-training"),
	P("user research", "research"), P("market research", "research"), P("科研", "research"),
	P("price testing", "price-testing"), P("pricing strateg", "price-testing"),
	P("record your call", "call-recording"), P("calls are recorded", "call-recording"),
	P("风控", "fraud-prevention"), P("反欺诈", "fraud-prevention"), P("fraud prevention", "fraud-prevention"),
	P("统计分析", "analytics"), P("数据分析", "analytics"), P("analytics", "analytics"),
	P("信息推送", "push"), P("消息推送", "push"), P("push notification", "push"),
	P("sell your personal", "sale"), P("sale of personal", "sale"), P("sell personal", "sale"),
	P("出售", "sale"), P("cross-context behavioral", "targeted-advertising"),
	/* recipients: kinds, authorities and well-known processors */
	R("affiliates", "affiliates"), R("affiliated companies", "affiliates"), R("关联公司", "affiliates"),
	R("关联方", "affiliates"), R("law enforcement", "authorities"), R("government authorities", "authorities"),
	R("public authorities", "authorities"), R("司法机关", "authorities"), R("行政机关", "authorities"),
	R("公安机关", "authorities"), R("监管部门", "authorities"), R("data brokers", "data-brokers"),
	R("advertising partners", "advertising-partners"), R("广告合作伙伴", "advertising-partners"),
	R("合作伙伴", "partners"), R("第三方sdk", "third-party-sdk"),
	R("google analytics", "google analytics"), R("google", "google"), R("facebook", "facebook"),
	R("meta platforms", "meta"), R("amazon web services", "aws"), R("aws", "aws"),
	R("microsoft", "microsoft"), R("stripe", "stripe"), R("paypal", "paypal"), R("zendesk", "zendesk"),
	R("salesforce", "salesforce"), R("hubspot", "hubspot"), R("mailchimp", "mailchimp"),
	R("braze", "braze"), R("iterable", "iterable"), R("mixpanel", "mixpanel"),
	R("amplitude", "amplitude"), R("criteo", "criteo"), R("appsflyer", "appsflyer"),
	R("firebase", "firebase"), R("sentry", "sentry"), R("twilio", "twilio"),
	R("cloudflare", "cloudflare"), R("experian", "experian"), R("equifax", "equifax"),
	R("transunion", "transunion"), R("openai", "openai"), R("tiktok", "tiktok"), R("linkedin", "linkedin"),
	R("支付宝", "alipay"), R("alipay", "alipay"), R("微信", "wechat"), R("腾讯", "tencent"),
	R("阿里巴巴", "alibaba"), R("阿里云", "alibaba-cloud"), R("百度", "baidu"), R("高德", "amap"),
	R("极光", "jiguang"), R("个推", "getui"), R("友盟", "umeng"), R("华为", "huawei"),
	R("小米", "xiaomi"), R("字节跳动", "bytedance"), R("穿山甲", "pangle"), R("新浪", "sina"),
	R("银联", "unionpay"),
	/* rights and the ways to exercise them */
	RT("right of access", "access"), RT("right to access", "access"), RT("access your", "access"),
	RT("request access", "access"), RT("查阅", "access"), RT("访问您的个人信息", "access"),
	RT("复制", "copy"), RT("获取副本", "copy"), RT("copy of your", "copy"),
	RT("rectification", "correction"), RT("rectify", "correction"), RT("correct your", "correction"),
	RT("correction", "correction"), RT("更正", "correction"), RT("补充", "correction"),
	RT("erasure", "deletion"), RT("right to delete", "deletion"), RT("deletion", "deletion"),
	RT("delete your", "deletion"), RT("删除", "deletion"), RT("注销账户", "account-deletion"),
	RT("注销账号", "account-deletion"), RT("注销", "account-deletion"), RT("close your account", "account-deletion"),
	RT("delete your account", "account-deletion"), RT("portability", "portability"),
	RT("转移", "portability"), RT("object to", "objection"), RT("right to object", "objection"),
	RT("拒绝", "objection"), RT("restrict", "restriction"), RT("restriction of processing", "restriction"),
	RT("限制", "restriction"), RT("opt out", "opt-out"), RT("opt-out", "opt-out"), RT("unsubscribe", "opt-out"),
	RT("退订", "opt-out"), RT("关闭", "opt-out"), RT("withdraw your consent", "withdraw-consent"),
	RT("withdraw consent", "withdraw-consent"), RT("撤回同意", "withdraw-consent"), RT("撤回授权", "withdraw-consent"),
	RT("撤回", "withdraw-consent"), RT("lodge a complaint", "complaint"), RT("complaint", "complaint"),
	RT("投诉", "complaint"), RT("举报", "complaint"), RT("appeal", "appeal"), RT("解释说明", "explanation"),
	RT("non-discrimination", "non-discrimination"), RT("do not sell", "do-not-sell"),
	RT("limit the use", "limit-use"), RT("access", "access"), RT("correct", "correction"),
	RT("delete", "deletion"), RT("erase", "deletion"), RT("export", "portability"), RT("postal mail", "by-post"), RT("by mail", "by-post"),
	RT("telephone", "by-phone"), RT("facsimile", "by-fax"), RT("online form", "by-form"),
	RT("在线客服", "by-chat"), RT("客服电话", "by-phone"),
	/* contact roles */
	C("data protection officer", "dpo"), C("dpo", "dpo"), C("个人信息保护负责人", "dpo"),
	C("个人信息保护专职部门", "privacy-office"), C("个人信息保护机构", "privacy-office"),
	C("eu representative", "eu-representative"), C("uk representative", "uk-representative"),
	C("representative", "representative"), C("国内代表", "representative"),
	/* transfer destinations */
	T("outside the eea", "outside-eea"), T("outside the european economic area", "outside-eea"),
	T("outside of the eea", "outside-eea"), T("outside your home jurisdiction", "outside-home"),
	T("international transfer", "international"), T("cross-border", "international"),
	T("境外", "abroad"), T("跨境", "abroad"), T("出境", "abroad"),
	T("united states", "us"), T("united states of america", "us"), T("european union", "eu"),
	T("european economic area", "eea"), T("EEA", "eea"), T("united kingdom", "uk"),
	T("switzerland", "switzerland"), T("ireland", "ireland"), T("israel", "israel"),
	T("japan", "japan"), T("south korea", "korea"), T("korea", "korea"), T("taiwan", "taiwan"),
	T("singapore", "singapore"), T("hong kong", "hong-kong"), T("china", "china"),
	T("india", "india"), T("canada", "canada"), T("mexico", "mexico"), T("brazil", "brazil"),
	T("australia", "australia"), T("germany", "germany"), T("france", "france"),
	T("netherlands", "netherlands"), T("russia", "russia"), T("philippines", "philippines"),
	T("美国", "us"), T("欧盟", "eu"), T("欧洲", "europe"), T("日本", "japan"), T("新加坡", "singapore"),
	T("香港", "hong-kong"), T("澳门", "macao"), T("台湾", "taiwan"), T("韩国", "korea"),
	T("英国", "uk"), T("德国", "germany"), T("爱尔兰", "ireland"), T("俄罗斯", "russia"),
	T("印度", "india"), T("US", "us"), T("U.S.", "us"), T("USA", "us"), T("EU", "eu"), T("UK", "uk"),
};

#undef D
#undef DS
#undef P
#undef R
#undef RT
#undef C
#undef T

#endif
